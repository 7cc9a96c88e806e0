package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Money;
import java.math.BigDecimal;

/** {@code commissionRate} is the partner's rate in force when the deal was closed. */
public record DealClosedWon(String dealId,
                            DealStage from,
                            BillingOption billingOption,
                            Money annualValue,
                            BigDecimal commissionRate,
                            Money commission,
                            Settlement settlement) implements DealEvent {
}

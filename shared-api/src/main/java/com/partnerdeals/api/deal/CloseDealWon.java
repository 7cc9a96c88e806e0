package com.partnerdeals.api.deal;

import com.partnerdeals.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record CloseDealWon(@TargetAggregateIdentifier String dealId,
                           BillingOption billingOption,
                           Money annualValue,
                           String actingPartnerId,
                           @TargetAggregateVersion Long expectedVersion) {
}

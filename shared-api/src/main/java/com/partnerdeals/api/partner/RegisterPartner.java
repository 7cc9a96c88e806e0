package com.partnerdeals.api.partner;

import java.math.BigDecimal;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterPartner(@TargetAggregateIdentifier String partnerId,
                              String name,
                              Set<String> domains,
                              BigDecimal commissionRate) {
}

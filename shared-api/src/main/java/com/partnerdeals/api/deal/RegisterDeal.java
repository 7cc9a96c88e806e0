package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code estimatedUsers} and {@code note} are optional (null). */
public record RegisterDeal(@TargetAggregateIdentifier String dealId,
                           String partnerId,
                           CustomerDetails customer,
                           Integer estimatedUsers,
                           String note) {
}

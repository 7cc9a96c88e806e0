package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code comment} is required when the reason is {@code OTHER}. */
public record DenyDeal(@TargetAggregateIdentifier String dealId,
                       DenialReason reason,
                       String comment,
                       @TargetAggregateVersion Long expectedVersion) {
}

package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The owner or a manager withdraws an open deal registered by mistake (SPEC 12). */
public record WithdrawDeal(@TargetAggregateIdentifier String dealId,
                           String reason,
                           String actingPartnerId,
                           @TargetAggregateVersion Long expectedVersion) {
}

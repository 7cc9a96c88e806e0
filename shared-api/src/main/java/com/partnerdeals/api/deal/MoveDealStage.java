package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code actingPartnerId}: the partner the caller acts for, or null for vendor staff. */
public record MoveDealStage(@TargetAggregateIdentifier String dealId,
                            DealStage stage,
                            String actingPartnerId,
                            @TargetAggregateVersion Long expectedVersion) {
}

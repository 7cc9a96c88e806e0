package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record CloseDealLost(@TargetAggregateIdentifier String dealId,
                            String reason,
                            String actingPartnerId,
                            @TargetAggregateVersion Long expectedVersion) {
}

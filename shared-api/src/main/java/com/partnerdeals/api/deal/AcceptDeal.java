package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AcceptDeal(@TargetAggregateIdentifier String dealId, @TargetAggregateVersion Long expectedVersion) {
}

package com.partnerdeals.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** A partner manager grants a longer trial; {@code days} null means the configured default. */
public record ExtendTrial(@TargetAggregateIdentifier String customerId,
                          Integer days,
                          @TargetAggregateVersion Long expectedVersion) {
}

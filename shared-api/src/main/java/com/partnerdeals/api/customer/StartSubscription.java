package com.partnerdeals.api.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * The customer subscribed: reported by the product, entered by a manager, or following the linked deal
 * being closed as won ({@code dealId} set). {@code plan} and {@code startedAt} may be null (now).
 */
public record StartSubscription(@TargetAggregateIdentifier String customerId,
                                String plan,
                                Instant startedAt,
                                String dealId,
                                @TargetAggregateVersion Long expectedVersion) {
}

package com.partnerdeals.api.customer;

import java.time.Instant;

/**
 * The account is an active subscription from {@code startedAt}; it never expires. {@code dealId} is set
 * when it followed from the linked deal being won; {@code plan} may be null.
 */
public record SubscriptionStarted(String customerId, String plan, Instant startedAt, String dealId) {
}

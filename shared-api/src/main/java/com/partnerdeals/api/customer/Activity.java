package com.partnerdeals.api.customer;

import java.time.Instant;

/**
 * One thing a user did in the customer's account, as the product reports it. {@code activityId} is the
 * product's own id: the same activity reported again counts once. {@code userId} may be null.
 */
public record Activity(String activityId, String type, Instant occurredAt, String userId) {
}

package com.partnerdeals.api.customer;

import java.time.Instant;

/** The trial runs {@code days} more, until {@code trialEndsAt}; an open extension request is closed by it. */
public record TrialExtended(String customerId, int days, Instant trialEndsAt) {
}

package com.partnerdeals.api.customer;

import java.time.Instant;

/** The trial ended at {@code trialEndedAt} without a subscription: the account is closed. */
public record TrialExpired(String customerId, Instant trialEndedAt) {
}

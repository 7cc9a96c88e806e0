package com.partnerdeals.api.customer;

import java.time.Instant;

/**
 * A customer account was created in trial from a deal. Carries the deal's customer so the account can be
 * shown without the deal. {@code domain} is the customer domain (read an older event's through
 * {@code CustomerDomain.of}, as for {@code DealRegistered}).
 */
public record TrialStarted(String customerId,
                           String dealId,
                           String partnerId,
                           String companyName,
                           String domain,
                           Instant trialEndsAt) {
}

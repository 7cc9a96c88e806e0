package com.partnerdeals.api.customer;

import java.time.Instant;
import java.util.List;

/** How many trials end soon, and the first of them (up to ten), soonest first. */
public record TrialsEndingSoon(long count, List<EndingTrial> soonest) {

    public record EndingTrial(String customerId, String companyName, String partnerId, Instant trialEndsAt) {
    }
}

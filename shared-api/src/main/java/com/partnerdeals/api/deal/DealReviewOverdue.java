package com.partnerdeals.api.deal;

import java.time.Instant;

/** A pending deal passed its review due time without a decision (SPEC 12); recorded once per deal. */
public record DealReviewOverdue(String dealId, Instant dueAt) implements DealEvent {
}

package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.ReviewStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a deal still protects its customer's domain for its partner (SPEC 4.4): until its last partner
 * action plus the protection period; a won deal for good; a denied or lost deal no longer.
 *
 * @param until  when protection ends; null for a won deal
 * @param lapsed whether it has ended at the instant asked about
 */
record Protection(Instant until, boolean lapsed) {

    static Protection of(DealStage stage, ReviewStatus reviewStatus, Instant lastPartnerActionAt, Duration period,
                         Instant now) {
        if (stage == DealStage.CLOSED_WON) {
            return new Protection(null, false);
        }
        Instant until = lastPartnerActionAt.plus(period);
        boolean lapsed = reviewStatus == ReviewStatus.DENIED || stage == DealStage.CLOSED_LOST || !now.isBefore(until);
        return new Protection(until, lapsed);
    }
}

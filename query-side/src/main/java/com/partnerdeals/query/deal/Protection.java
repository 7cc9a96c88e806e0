package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.ReviewStatus;
import java.time.Instant;

/**
 * Whether a deal still protects its customer's domain for its partner (SPEC 4.4): until its last partner
 * action plus the protection period; a won deal for good; a denied, lost or withdrawn deal no longer.
 *
 * @param until    when protection ends; null for a won deal
 * @param lapsed   whether it has ended at the instant asked about
 * @param endsSoon whether it still protects but ends within the reminder period (SPEC 12)
 */
record Protection(Instant until, boolean lapsed, boolean endsSoon) {

    static Protection of(DealStage stage, ReviewStatus reviewStatus, Instant lastPartnerActionAt, DealTerms terms,
                         Instant now) {
        if (stage == DealStage.CLOSED_WON) {
            return new Protection(null, false, false);
        }
        Instant until = lastPartnerActionAt.plus(terms.protection());
        boolean lapsed = reviewStatus == ReviewStatus.DENIED || !stage.isOpen() || !now.isBefore(until);
        return new Protection(until, lapsed, !lapsed && !now.plus(terms.protectionReminder()).isBefore(until));
    }
}

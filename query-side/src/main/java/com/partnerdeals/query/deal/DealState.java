package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.CustomerDomain;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealCard;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealEvent;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealNoteRedacted;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.DealWithdrawn;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.PartnerAction;
import com.partnerdeals.api.deal.ReviewDecider;
import com.partnerdeals.api.deal.ReviewStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A deal as its events left it: the one fold of deal events. The deal-views projection stores it after
 * every event; the point-in-time view rebuilds it from the event store. Both must agree, so both use this.
 *
 * <p>Each step takes the event's timestamp and its sequence number within the deal ({@code version}).
 */
record DealState(String dealId,
                 String partnerId,
                 CustomerDetails customer,
                 String domain,
                 Integer estimatedUsers,
                 String note,
                 Set<DealFlag> flags,
                 DealStage stage,
                 ReviewStatus reviewStatus,
                 DealView.Denial denial,
                 List<DealView.Note> notes,
                 String customerId,
                 DealView.CloseWon closeWon,
                 String closeLostReason,
                 Instant registeredAt,
                 Instant lastPartnerActionAt,
                 Instant reviewDecidedAt,
                 ReviewDecider decidedBy,
                 String withdrawalReason,
                 long version) {

    DealState {
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(DealFlag.class) : EnumSet.copyOf(flags));
        notes = List.copyOf(notes);
    }

    static DealState registered(DealRegistered event, long sequence, Instant at) {
        Instant when = stored(at);
        return new DealState(event.dealId(), event.partnerId(), event.customer(), CustomerDomain.of(event.domain()),
                event.estimatedUsers(), event.note(), event.flags() != null ? event.flags() : Set.of(),
                DealStage.NEW, ReviewStatus.PENDING, null, List.of(), null, null, null, when, when, null, null, null,
                sequence);
    }

    /**
     * One step of the deal views' fold: the deal after {@code event}, from {@code before} (null before its
     * registration). An event delivered again (its sequence number is not past the version) changes nothing,
     * nor does a later event of a deal whose registration is unknown.
     */
    static DealState next(DealState before, DealEvent event, long sequence, Instant at) {
        if (event instanceof DealRegistered registration) {
            return before != null ? before : registered(registration, sequence, at);
        }
        return before != null && sequence > before.version() ? before.apply(event, sequence, at) : before;
    }

    /** The deal after one more of its events. An event the deal views do not show only advances the version. */
    DealState apply(Object event, long sequence, Instant at) {
        Instant when = stored(at);
        DealState next = withVersion(sequence);
        if (isPartnerAction(event)) {
            next = next.withLastPartnerActionAt(when);
        }
        if (event instanceof DealAccepted accepted) {
            return next.withReview(ReviewStatus.ACCEPTED, null, when, accepted.decidedBy());
        }
        if (event instanceof DealDenied denied) {
            return next.withReview(ReviewStatus.DENIED, new DealView.Denial(denied.reason(), denied.comment()), when,
                    ReviewDecider.PARTNER_MANAGER);
        }
        if (event instanceof DealWithdrawn withdrawn) {
            return next.withWithdrawal(withdrawn.reason());
        }
        if (event instanceof DealStageChanged changed) {
            return next.withStage(changed.to(), closeWon, closeLostReason);
        }
        if (event instanceof DealTrialStarted trial) {
            return next.withCustomerId(trial.customerId());
        }
        if (event instanceof DealNoteAdded added) {
            return next.withNote(new DealView.Note(added.noteId(), added.author(), added.text(), when));
        }
        if (event instanceof DealNoteRedacted redacted) {
            return next.withNoteRedacted(redacted.noteId());
        }
        if (event instanceof DealContactErased) {
            return next.withContactErased();
        }
        if (event instanceof DealClosedWon won) {
            return next.withStage(DealStage.CLOSED_WON, new DealView.CloseWon(won.billingOption(), won.annualValue(),
                    won.commissionRate(), won.commission(), won.settlement()), null);
        }
        if (event instanceof DealClosedLost lost) {
            return next.withStage(DealStage.CLOSED_LOST, null, lost.reason());
        }
        if (event instanceof DealReopened reopened) {
            return next.withStage(reopened.to(), null, null);
        }
        return next;
    }

    /**
     * The partner's actions renew the deal's protection (SPEC 4.4), whoever performed them. Reviews and
     * closing are not partner actions; a won deal protects for good anyway.
     */
    private static boolean isPartnerAction(Object event) {
        return event instanceof PartnerAction;
    }

    /** The detail as {@code viewer} may see it, with protection and the review deadline as of {@code now}. */
    DealView view(Viewer viewer, DealTerms terms, Instant now) {
        Protection protection = protection(terms, now);
        return new DealView(dealId, partnerId,
                new DealView.Customer(customer.companyName(), customer.contactName(), customer.contactEmail(),
                        customer.country(), domain),
                estimatedUsers, note, stage, reviewStatus, denial, decidedBy, reviewDueAt(terms),
                reviewOverdue(terms, now), notes, customerId, closeWon, closeLostReason, withdrawalReason,
                registeredAt, lastPartnerActionAt, protection.until(), protection.lapsed(), protection.endsSoon(),
                viewer.isVendorStaff() ? flags : null, contactErased(), version);
    }

    /** The board's card as {@code viewer} may see it, with protection and the review deadline as of {@code now}. */
    DealCard card(Viewer viewer, DealTerms terms, Instant now) {
        Protection protection = protection(terms, now);
        return new DealCard(dealId, partnerId, customer.companyName(), domain, stage, reviewStatus, reviewDueAt(terms),
                reviewOverdue(terms, now), customerId, registeredAt, lastPartnerActionAt, protection.until(),
                protection.lapsed(), protection.endsSoon(), viewer.isVendorStaff() ? flags : null, version);
    }

    /** When the review is (or was) due: registration plus {@code portal.review.due-within} (SPEC 12). */
    Instant reviewDueAt(DealTerms terms) {
        return registeredAt.plus(terms.reviewDueWithin());
    }

    /** Still waiting for a decision at its due time; a withdrawn deal waits for nothing. */
    boolean reviewOverdue(DealTerms terms, Instant now) {
        return reviewStatus == ReviewStatus.PENDING && stage != DealStage.WITHDRAWN && !now.isBefore(reviewDueAt(terms));
    }

    private Protection protection(DealTerms terms, Instant now) {
        return Protection.of(stage, reviewStatus, lastPartnerActionAt, terms, now);
    }

    /** The read tables keep microseconds; a rebuilt state must equal the stored one. */
    private static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private DealState withVersion(long sequence) {
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, stage, reviewStatus,
                denial, notes, customerId, closeWon, closeLostReason, registeredAt, lastPartnerActionAt,
                reviewDecidedAt, decidedBy, withdrawalReason, sequence);
    }

    private DealState withLastPartnerActionAt(Instant at) {
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, stage, reviewStatus,
                denial, notes, customerId, closeWon, closeLostReason, registeredAt, at,
                reviewDecidedAt, decidedBy, withdrawalReason, version);
    }

    private DealState withReview(ReviewStatus status, DealView.Denial newDenial, Instant decidedAt, ReviewDecider by) {
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, stage, status,
                newDenial, notes, customerId, closeWon, closeLostReason, registeredAt, lastPartnerActionAt,
                decidedAt, by, withdrawalReason, version);
    }

    private DealState withWithdrawal(String reason) {
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, DealStage.WITHDRAWN,
                reviewStatus, denial, notes, customerId, closeWon, closeLostReason, registeredAt, lastPartnerActionAt,
                reviewDecidedAt, decidedBy, reason, version);
    }

    private DealState withStage(DealStage newStage, DealView.CloseWon newCloseWon, String newCloseLostReason) {
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, newStage, reviewStatus,
                denial, notes, customerId, newCloseWon, newCloseLostReason, registeredAt, lastPartnerActionAt,
                reviewDecidedAt, decidedBy, withdrawalReason, version);
    }

    private DealState withCustomerId(String newCustomerId) {
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, stage, reviewStatus,
                denial, notes, newCustomerId, closeWon, closeLostReason, registeredAt, lastPartnerActionAt,
                reviewDecidedAt, decidedBy, withdrawalReason, version);
    }

    /** The contact's email is required, so a missing one was erased (SPEC 11). */
    private boolean contactErased() {
        return customer.contactEmail() == null;
    }

    /** SPEC 11: the contact's name and email, and the registration note written about them, are gone. */
    private DealState withContactErased() {
        CustomerDetails erased = new CustomerDetails(customer.companyName(), null, null, customer.country());
        return new DealState(dealId, partnerId, erased, domain, estimatedUsers, null, flags, stage, reviewStatus,
                denial, notes, customerId, closeWon, closeLostReason, registeredAt, lastPartnerActionAt,
                reviewDecidedAt, decidedBy, withdrawalReason, version);
    }

    private DealState withNoteRedacted(String noteId) {
        List<DealView.Note> redacted = notes.stream()
                .map(n -> n.noteId().equals(noteId) ? new DealView.Note(n.noteId(), n.author(), null, n.addedAt()) : n)
                .toList();
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, stage, reviewStatus,
                denial, redacted, customerId, closeWon, closeLostReason, registeredAt, lastPartnerActionAt,
                reviewDecidedAt, decidedBy, withdrawalReason, version);
    }

    /** A note sent again with the same id (a retry) is kept once. */
    private DealState withNote(DealView.Note added) {
        if (notes.stream().anyMatch(existing -> existing.noteId().equals(added.noteId()))) {
            return this;
        }
        List<DealView.Note> more = new ArrayList<>(notes);
        more.add(added);
        return new DealState(dealId, partnerId, customer, domain, estimatedUsers, note, flags, stage, reviewStatus,
                denial, more, customerId, closeWon, closeLostReason, registeredAt, lastPartnerActionAt,
                reviewDecidedAt, decidedBy, withdrawalReason, version);
    }
}

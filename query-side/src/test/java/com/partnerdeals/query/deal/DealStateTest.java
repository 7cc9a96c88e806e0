package com.partnerdeals.query.deal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealNoteRedacted;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealReviewOverdue;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.DealWithdrawn;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.NewsletterSubscriptionSubmitted;
import com.partnerdeals.api.deal.ReviewDecider;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.api.deal.Settlement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fold of deal events and the protection rule (SPEC 4.4), without a database. */
class DealStateTest {

    static final DealTerms TERMS = new DealTerms(Duration.ofDays(90), Duration.ofDays(14), Duration.ofDays(2));
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final String DEAL = "d-1";

    static DealRegistered registration() {
        return new DealRegistered(DEAL, "acme", new CustomerDetails("Globex AB", "Greta Svensson",
                "greta@globex.example", "SE"), "globex.example", 25, "Wants ISO 27001",
                Set.of(DealFlag.EXISTING_CUSTOMER, DealFlag.DOMAIN_CONFLICT));
    }

    static DealState registered() {
        return DealState.registered(registration(), 0, T0);
    }

    static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    @Test
    void aRegisteredDealIsNewAndPendingAndProtectedFromItsRegistration() {
        DealView view = registered().view(Viewer.vendorStaff(), TERMS, day(1));

        assertThat(view.dealId()).isEqualTo(DEAL);
        assertThat(view.partnerId()).isEqualTo("acme");
        assertThat(view.customer()).isEqualTo(new DealView.Customer("Globex AB", "Greta Svensson",
                "greta@globex.example", "SE", "globex.example"));
        assertThat(view.estimatedUsers()).isEqualTo(25);
        assertThat(view.note()).isEqualTo("Wants ISO 27001");
        assertThat(view.stage()).isEqualTo(DealStage.NEW);
        assertThat(view.reviewStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(view.denial()).isNull();
        assertThat(view.closeWon()).isNull();
        assertThat(view.notes()).isEmpty();
        assertThat(view.registeredAt()).isEqualTo(T0);
        assertThat(view.lastPartnerActionAt()).isEqualTo(T0);
        assertThat(view.protectedUntil()).isEqualTo(day(90));
        assertThat(view.protectionLapsed()).isFalse();
        assertThat(view.version()).isZero();
    }

    @Test
    void flagsAreForVendorStaffOnly() {
        assertThat(registered().view(Viewer.vendorStaff(), TERMS, T0).flags())
                .containsExactly(DealFlag.DOMAIN_CONFLICT, DealFlag.EXISTING_CUSTOMER);
        assertThat(registered().view(Viewer.partner("acme"), TERMS, T0).flags()).isNull();
        assertThat(registered().card(Viewer.partner("acme"), TERMS, T0).flags()).isNull();
        assertThat(registered().card(Viewer.vendorStaff(), TERMS, T0).flags()).hasSize(2);
    }

    @Test
    void protectionLapsesWhenThePeriodAfterTheLastPartnerActionHasPassed() {
        DealState deal = registered();

        assertThat(deal.view(Viewer.vendorStaff(), TERMS, day(90).minusSeconds(1)).protectionLapsed()).isFalse();
        assertThat(deal.view(Viewer.vendorStaff(), TERMS, day(90)).protectionLapsed()).isTrue();
    }

    @Test
    void partnerActionsRenewProtectionWhoeverPerformedThem() {
        DealState deal = registered()
                .apply(new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL), 1, day(10))
                .apply(new NewsletterSubscriptionSubmitted(DEAL, "greta@globex.example"), 2, day(20))
                .apply(new DealTrialStarted(DEAL, "c-1", day(34)), 3, day(30))
                .apply(new DealNoteAdded(DEAL, "n-1", "manager@vendor.example", "Call back"), 4, day(40));

        assertThat(deal.lastPartnerActionAt()).isEqualTo(day(40));
        DealView view = deal.view(Viewer.vendorStaff(), TERMS, day(129));
        assertThat(view.protectedUntil()).isEqualTo(day(130));
        assertThat(view.protectionLapsed()).isFalse();
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void reviewsAndClosingAreNoPartnerActions() {
        DealState deal = registered()
                .apply(new DealAccepted(DEAL), 1, day(10))
                .apply(new DealClosedLost(DEAL, DealStage.NEW, "No budget"), 2, day(20))
                .apply(new DealReopened(DEAL, DealStage.NEW), 3, day(30));

        assertThat(deal.lastPartnerActionAt()).isEqualTo(T0);
    }

    @Test
    void acceptingSetsTheReviewStatus() {
        DealState deal = registered().apply(new DealAccepted(DEAL), 1, day(1));

        assertThat(deal.reviewStatus()).isEqualTo(ReviewStatus.ACCEPTED);
        assertThat(deal.version()).isEqualTo(1);
    }

    @Test
    void aDeniedDealShowsWhyAndNoLongerProtects() {
        DealView view = registered().apply(new DealDenied(DEAL, DenialReason.OTHER, "Not a real lead"), 1, day(1))
                .view(Viewer.partner("acme"), TERMS, day(2));

        assertThat(view.reviewStatus()).isEqualTo(ReviewStatus.DENIED);
        assertThat(view.denial()).isEqualTo(new DealView.Denial(DenialReason.OTHER, "Not a real lead"));
        assertThat(view.protectedUntil()).isEqualTo(day(90));
        assertThat(view.protectionLapsed()).isTrue();
    }

    @Test
    void stageChangesMoveTheDealAndTheTrialLinksTheCustomerAccount() {
        DealState deal = registered()
                .apply(new DealStageChanged(DEAL, DealStage.NEW, DealStage.NEWSLETTER_SUBSCRIPTION), 1, day(1))
                .apply(new DealTrialStarted(DEAL, "c-42", day(15)), 2, day(1))
                .apply(new DealStageChanged(DEAL, DealStage.NEWSLETTER_SUBSCRIPTION, DealStage.TRIAL), 3, day(1));

        assertThat(deal.stage()).isEqualTo(DealStage.TRIAL);
        assertThat(deal.customerId()).isEqualTo("c-42");
    }

    @Test
    void aWonDealCarriesItsTermsAndProtectsForGood() {
        Money value = new Money(new BigDecimal("4800.00"), "EUR");
        Money commission = new Money(new BigDecimal("960.00"), "EUR");
        DealView view = registered()
                .apply(new DealAccepted(DEAL), 1, day(1))
                .apply(new DealClosedWon(DEAL, DealStage.NEW, BillingOption.INVOICE, value, new BigDecimal("0.20"),
                        commission, Settlement.of(BillingOption.INVOICE, value, commission)), 2, day(2))
                .view(Viewer.partner("acme"), TERMS, day(1000));

        assertThat(view.stage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(view.closeWon()).isEqualTo(new DealView.CloseWon(BillingOption.INVOICE, value,
                new BigDecimal("0.20"), commission, new Settlement(Settlement.Type.PAYOUT_TO_PARTNER, commission, null)));
        assertThat(view.protectedUntil()).isNull();
        assertThat(view.protectionLapsed()).isFalse();
    }

    @Test
    void aLostDealNoLongerProtectsUntilItIsReopened() {
        DealState lost = registered()
                .apply(new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL), 1, day(1))
                .apply(new DealClosedLost(DEAL, DealStage.TRIAL, "Chose a competitor"), 2, day(2));

        DealView lostView = lost.view(Viewer.partner("acme"), TERMS, day(3));
        assertThat(lostView.stage()).isEqualTo(DealStage.CLOSED_LOST);
        assertThat(lostView.closeLostReason()).isEqualTo("Chose a competitor");
        assertThat(lostView.protectionLapsed()).isTrue();

        DealView reopened = lost.apply(new DealReopened(DEAL, DealStage.TRIAL), 3, day(4))
                .view(Viewer.partner("acme"), TERMS, day(5));
        assertThat(reopened.stage()).isEqualTo(DealStage.TRIAL);
        assertThat(reopened.closeLostReason()).isNull();
        assertThat(reopened.protectionLapsed()).isFalse();
    }

    @Test
    void notesAreKeptInOrderAndARetriedNoteOnce() {
        DealState deal = registered()
                .apply(new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First call"), 1, day(1))
                .apply(new DealNoteAdded(DEAL, "n-2", "manager@vendor.example", "Looks good"), 2, day(2))
                .apply(new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First call"), 3, day(3));

        assertThat(deal.notes()).containsExactly(
                new DealView.Note("n-1", "consultant@acme.example", "First call", day(1)),
                new DealView.Note("n-2", "manager@vendor.example", "Looks good", day(2)));
        assertThat(deal.version()).isEqualTo(3);
    }

    /** SPEC 11: the read model drops the contact at once; company, domain and the business data stay. */
    @Test
    void anErasedContactLeavesTheDealWithoutNameEmailOrRegistrationNote() {
        DealView view = registered()
                .apply(new DealAccepted(DEAL), 1, day(1))
                .apply(new DealContactErased(DEAL, "erasure-1", "The contact asked to be forgotten"), 2, day(2))
                .view(Viewer.vendorStaff(), TERMS, day(3));

        assertThat(view.customer()).isEqualTo(new DealView.Customer("Globex AB", null, null, "SE", "globex.example"));
        assertThat(view.note()).isNull();
        assertThat(view.personalDataErased()).isTrue();
        assertThat(view.reviewStatus()).isEqualTo(ReviewStatus.ACCEPTED);
        assertThat(view.lastPartnerActionAt()).as("an erasure is no partner action").isEqualTo(T0);
        assertThat(view.version()).isEqualTo(2);
        assertThat(registered().view(Viewer.vendorStaff(), TERMS, day(1)).personalDataErased()).isFalse();
    }

    @Test
    void aRedactedNoteKeepsItsAuthorAndTimeWithoutItsText() {
        DealState deal = registered()
                .apply(new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "Anna is on leave until May"), 1, day(1))
                .apply(new DealNoteAdded(DEAL, "n-2", "consultant@acme.example", "Demo booked"), 2, day(2))
                .apply(new DealNoteRedacted(DEAL, "n-1", "Health information"), 3, day(3));

        assertThat(deal.notes()).containsExactly(
                new DealView.Note("n-1", "consultant@acme.example", null, day(1), true),
                new DealView.Note("n-2", "consultant@acme.example", "Demo booked", day(2), false));
    }

    /** A replay after a redaction reads the note's text as null: the same view as the live one. */
    @Test
    void aNoteWhoseKeyIsGoneReadsAsRedacted() {
        DealState deal = registered().apply(new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", null), 1, day(1));

        assertThat(deal.notes()).containsExactly(new DealView.Note("n-1", "consultant@acme.example", null, day(1), true));
    }

    @Test
    void anEventTheViewsDoNotShowOnlyAdvancesTheVersion() {
        DealState deal = registered();

        assertThat(deal.apply(new Object(), 1, day(1))).isEqualTo(new DealState(deal.dealId(), deal.partnerId(),
                deal.customer(), deal.domain(), deal.estimatedUsers(), deal.note(), deal.flags(), deal.stage(),
                deal.reviewStatus(), deal.denial(), deal.notes(), deal.customerId(), deal.closeWon(),
                deal.closeLostReason(), deal.registeredAt(), deal.lastPartnerActionAt(), null, null, null, 1));
    }

    @Test
    void aPendingDealIsDueForReviewTwoDaysAfterRegistrationAndOverdueFromThen() {
        DealState deal = registered();

        assertThat(deal.view(Viewer.vendorStaff(), TERMS, day(2).minusSeconds(1)))
                .extracting(DealView::reviewDueAt, DealView::reviewOverdue).containsExactly(day(2), false);
        assertThat(deal.view(Viewer.vendorStaff(), TERMS, day(2)).reviewOverdue()).isTrue();
        assertThat(deal.apply(new DealReviewOverdue("d-1", day(2)), 1, day(2)).view(Viewer.vendorStaff(), TERMS, day(3))
                .reviewOverdue()).as("the event only records it").isTrue();
        DealView accepted = deal.apply(new DealAccepted("d-1"), 1, day(1)).view(Viewer.vendorStaff(), TERMS, day(3));
        assertThat(accepted).extracting(DealView::reviewOverdue, DealView::decidedBy)
                .containsExactly(false, ReviewDecider.PARTNER_MANAGER);
    }

    @Test
    void anAutoAcceptedDealSaysSo() {
        DealView view = registered().apply(new DealAccepted("d-1", ReviewDecider.AUTO_ACCEPT), 1, T0)
                .view(Viewer.vendorStaff(), TERMS, day(1));

        assertThat(view).extracting(DealView::reviewStatus, DealView::decidedBy)
                .containsExactly(ReviewStatus.ACCEPTED, ReviewDecider.AUTO_ACCEPT);
    }

    @Test
    void aWithdrawnDealIsClosedProtectsNothingAndIsNotWaitingForReview() {
        DealView view = registered().apply(new DealWithdrawn("d-1", DealStage.NEW, "Registered by mistake"), 1, day(1))
                .view(Viewer.partner("acme"), TERMS, day(3));

        assertThat(view).extracting(DealView::stage, DealView::withdrawalReason, DealView::protectionLapsed,
                        DealView::protectionEndsSoon, DealView::reviewOverdue)
                .containsExactly(DealStage.WITHDRAWN, "Registered by mistake", true, false, false);
    }

    @Test
    void protectionEndsSoonWithinFourteenDaysOfItsEnd() {
        DealState deal = registered();

        assertThat(deal.view(Viewer.partner("acme"), TERMS, day(76).minusSeconds(1)).protectionEndsSoon()).isFalse();
        assertThat(deal.view(Viewer.partner("acme"), TERMS, day(76)).protectionEndsSoon()).isTrue();
        assertThat(deal.card(Viewer.partner("acme"), TERMS, day(89)).protectionEndsSoon()).isTrue();
        assertThat(deal.view(Viewer.partner("acme"), TERMS, day(90)))
                .extracting(DealView::protectionEndsSoon, DealView::protectionLapsed).containsExactly(false, true);
    }

    @Test
    void timesAreKeptToTheMicrosecondAsTheReadTablesKeepThem() {
        DealState deal = DealState.registered(registration(), 0, T0.plusNanos(1_234_567));

        assertThat(deal.registeredAt()).isEqualTo(T0.plusNanos(1_234_000));
    }
}

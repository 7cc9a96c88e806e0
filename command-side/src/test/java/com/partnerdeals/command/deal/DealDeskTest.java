package com.partnerdeals.command.deal;

import static com.partnerdeals.command.RuleViolations.violation;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerdeals.api.deal.AcceptDeal;
import com.partnerdeals.api.deal.AddDealNote;
import com.partnerdeals.api.deal.CloseDealLost;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReviewOverdue;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealWithdrawn;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.DenyDeal;
import com.partnerdeals.api.deal.MarkDealReviewOverdue;
import com.partnerdeals.api.deal.MoveDealStage;
import com.partnerdeals.api.deal.RegisterDeal;
import com.partnerdeals.api.deal.ReopenDeal;
import com.partnerdeals.api.deal.ReviewDecider;
import com.partnerdeals.api.deal.SubmitNewsletterSubscription;
import com.partnerdeals.api.deal.WithdrawDeal;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The deal desk's rules (SPEC 12): auto-accept, withdrawal, the review deadline. */
class DealDeskTest {

    private static final String DEAL = "6f1c1c52-2d1e-4d7e-9a61-0c5f3c1f0a01";
    private static final String PARTNER = "nordic-grc";
    private static final Instant REGISTERED_AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant DUE = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final CustomerDetails CUSTOMER = new CustomerDetails("Acme Oy", "Anna Virtanen", "anna@acme.fi", "FI");
    private static final DealRegistered REGISTERED =
            new DealRegistered(DEAL, PARTNER, CUSTOMER, "acme.fi", 25, null, Set.of());

    private AggregateTestFixture<Deal> fixture;
    private PartnerDirectory partners;
    private DealDomainClaims claims;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        partners = mock(PartnerDirectory.class);
        claims = mock(DealDomainClaims.class);
        when(claims.protectingDealOf(PARTNER, "acme.fi")).thenReturn(Optional.empty());
        partnerSetToAutoAccept(false);
        clock = new MutableClock(DUE.plusSeconds(1));
        PortalProperties properties = new PortalProperties(null, null, null, null, null, null, null, null);
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerInjectableResource(new DealRegistrationRules(partners, claims,
                mock(CustomerAccountDirectory.class), properties));
        fixture.registerInjectableResource(partners);
        fixture.registerInjectableResource(properties);
        fixture.registerInjectableResource(clock);
    }

    private void partnerSetToAutoAccept(boolean autoAccept) {
        when(partners.find(PARTNER)).thenReturn(Optional.of(new PartnerDirectory.Entry(PARTNER, Set.of("nordicgrc.se"),
                new BigDecimal("0.20"), true, autoAccept)));
        when(partners.isActive(PARTNER)).thenReturn(true);
    }

    private static RegisterDeal registration() {
        return new RegisterDeal(DEAL, PARTNER, CUSTOMER, 25, null);
    }

    @Nested
    class AutoAccept {

        @Test
        void acceptsADealWithoutFlagsAtRegistrationAsADecisionByRule() {
            partnerSetToAutoAccept(true);
            fixture.givenNoPriorActivity()
                    .when(registration())
                    .expectEvents(REGISTERED, new DealAccepted(DEAL, ReviewDecider.AUTO_ACCEPT))
                    .expectResultMessagePayload(new Deal.RegistrationOutcome(1, true));
        }

        @Test
        void leavesAFlaggedDealForAManager() {
            partnerSetToAutoAccept(true);
            when(claims.protectedByAnotherPartner(PARTNER, "acme.fi")).thenReturn(true);
            fixture.givenNoPriorActivity()
                    .when(registration())
                    .expectEvents(new DealRegistered(DEAL, PARTNER, CUSTOMER, "acme.fi", 25, null,
                            Set.of(DealFlag.DOMAIN_CONFLICT)));
        }

        @Test
        void leavesEveryDealOfAPartnerNotSetToItForAManager() {
            fixture.givenNoPriorActivity()
                    .when(registration())
                    .expectEvents(REGISTERED);
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void closesAnOpenDealFromItsStage() {
            fixture.given(REGISTERED, new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                    .when(new WithdrawDeal(DEAL, "Registered for the wrong customer", PARTNER, null))
                    .expectEvents(new DealWithdrawn(DEAL, DealStage.TRIAL, "Registered for the wrong customer"));
        }

        @Test
        void aManagerMayWithdrawAnyPartnersDeal() {
            fixture.given(REGISTERED)
                    .when(new WithdrawDeal(DEAL, "Registered twice", null, null))
                    .expectEvents(new DealWithdrawn(DEAL, DealStage.NEW, "Registered twice"));
        }

        @Test
        void isForTheOwnerOrAManagerOnly() {
            fixture.given(REGISTERED)
                    .when(new WithdrawDeal(DEAL, "mistake", "baltic-sec", null))
                    .expectNoEvents()
                    .expectException(violation("NOT_FOUND"));
        }

        @Test
        void refusesAClosedOrDeniedDeal() {
            fixture.given(REGISTERED, new DealClosedLost(DEAL, DealStage.NEW, "budget"))
                    .when(new WithdrawDeal(DEAL, "mistake", null, null))
                    .expectException(violation("DEAL_CLOSED"));
            fixture.given(REGISTERED, new DealDenied(DEAL, DenialReason.DUPLICATE, null))
                    .when(new WithdrawDeal(DEAL, "mistake", null, null))
                    .expectException(violation("DEAL_DENIED"));
        }

        @Test
        void cannotBeReopened() {
            fixture.given(REGISTERED, new DealWithdrawn(DEAL, DealStage.NEW, "mistake"))
                    .when(new ReopenDeal(DEAL, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("DEAL_NOT_LOST"));
        }

        @Test
        void takesOnlyNotesAfterwards() {
            DealWithdrawn withdrawn = new DealWithdrawn(DEAL, DealStage.NEW, "mistake");
            fixture.given(REGISTERED, withdrawn)
                    .when(new MoveDealStage(DEAL, DealStage.TRIAL, PARTNER, null))
                    .expectException(violation("DEAL_CLOSED"));
            fixture.given(REGISTERED, withdrawn)
                    .when(new AcceptDeal(DEAL, null))
                    .expectException(violation("DEAL_CLOSED"));
            fixture.given(REGISTERED, withdrawn)
                    .when(new DenyDeal(DEAL, DenialReason.INVALID_LEAD, null, null))
                    .expectException(violation("DEAL_CLOSED"));
            fixture.given(REGISTERED, withdrawn)
                    .when(new SubmitNewsletterSubscription(DEAL, PARTNER, null))
                    .expectException(violation("DEAL_CLOSED"));
            fixture.given(REGISTERED, withdrawn)
                    .when(new CloseDealLost(DEAL, "budget", PARTNER, null))
                    .expectException(violation("DEAL_CLOSED"));
            fixture.given(REGISTERED, withdrawn)
                    .when(new AddDealNote(DEAL, "n1", "Registered under the wrong partner", "anna@nordicgrc.se",
                            PARTNER, null))
                    .expectEvents(new DealNoteAdded(DEAL, "n1", "anna@nordicgrc.se", "Registered under the wrong partner"));
        }
    }

    @Nested
    class ReviewDeadline {

        @Test
        void aPendingDealPastItsDueTimeIsRecordedOverdue() {
            fixture.givenCurrentTime(REGISTERED_AT)
                    .andGiven(REGISTERED)
                    .when(new MarkDealReviewOverdue(DEAL))
                    .expectEvents(new DealReviewOverdue(DEAL, DUE));
        }

        @Test
        void onlyOnce() {
            fixture.givenCurrentTime(REGISTERED_AT)
                    .andGiven(REGISTERED, new DealReviewOverdue(DEAL, DUE))
                    .when(new MarkDealReviewOverdue(DEAL))
                    .expectNoEvents();
        }

        @Test
        void notBeforeTheDueTime() {
            clock.set(DUE.minusSeconds(1));
            fixture.givenCurrentTime(REGISTERED_AT)
                    .andGiven(REGISTERED)
                    .when(new MarkDealReviewOverdue(DEAL))
                    .expectNoEvents();
        }

        @Test
        void notForADecidedOrWithdrawnDeal() {
            fixture.givenCurrentTime(REGISTERED_AT)
                    .andGiven(REGISTERED, new DealAccepted(DEAL))
                    .when(new MarkDealReviewOverdue(DEAL))
                    .expectNoEvents();
            fixture.givenCurrentTime(REGISTERED_AT)
                    .andGiven(REGISTERED, new DealDenied(DEAL, DenialReason.INVALID_LEAD, null))
                    .when(new MarkDealReviewOverdue(DEAL))
                    .expectNoEvents();
            fixture.givenCurrentTime(REGISTERED_AT)
                    .andGiven(REGISTERED, new DealWithdrawn(DEAL, DealStage.NEW, "mistake"))
                    .when(new MarkDealReviewOverdue(DEAL))
                    .expectNoEvents();
        }

        @Test
        void anOverdueDealCanStillBeDecided() {
            fixture.givenCurrentTime(REGISTERED_AT)
                    .andGiven(REGISTERED, new DealReviewOverdue(DEAL, DUE))
                    .when(new AcceptDeal(DEAL, null))
                    .expectEvents(new DealAccepted(DEAL, ReviewDecider.PARTNER_MANAGER));
        }
    }
}

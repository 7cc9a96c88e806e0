package com.partnerdeals.command.deal;

import static com.partnerdeals.command.RuleViolations.violation;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.deal.AcceptDeal;
import com.partnerdeals.api.deal.AddDealNote;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CloseDealLost;
import com.partnerdeals.api.deal.CloseDealWon;
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
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialExtensionRequested;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.DenyDeal;
import com.partnerdeals.api.deal.EraseDealContact;
import com.partnerdeals.api.deal.MoveDealStage;
import com.partnerdeals.api.deal.NewsletterSubscriptionSubmitted;
import com.partnerdeals.api.deal.RecordTrialExtensionRequest;
import com.partnerdeals.api.deal.RedactDealNote;
import com.partnerdeals.api.deal.RegisterDeal;
import com.partnerdeals.api.deal.ReopenDeal;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.api.deal.SubmitNewsletterSubscription;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.config.PortalProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of SPEC section 4, one test each: given events, when a command, expect events or a refusal. */
class DealTest {

    private static final String DEAL = "6f1c1c52-2d1e-4d7e-9a61-0c5f3c1f0a01";
    private static final String PARTNER = "nordic-grc";
    private static final String OTHER_PARTNER = "baltic-sec";
    private static final CustomerDetails CUSTOMER =
            new CustomerDetails("Acme Oy", "Anna Virtanen", "Anna.Virtanen@ACME.fi", "FI");
    private static final DealRegistered REGISTERED =
            new DealRegistered(DEAL, PARTNER, CUSTOMER, "acme.fi", 25, "Met at the ISO 27001 webinar", Set.of());

    private AggregateTestFixture<Deal> fixture;
    private PartnerDirectory partners;
    private DealDomainClaims claims;
    private CustomerAccountDirectory customerAccounts;

    @BeforeEach
    void setUp() {
        partners = mock(PartnerDirectory.class);
        claims = mock(DealDomainClaims.class);
        customerAccounts = mock(CustomerAccountDirectory.class);
        partnerInDirectory(true, "0.20");
        when(claims.protectingDealOf(PARTNER, "acme.fi")).thenReturn(Optional.empty());
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerInjectableResource(new DealRegistrationRules(partners, claims, customerAccounts,
                new PortalProperties(null, null, null, null, null, null, null, null)));
        fixture.registerInjectableResource(partners);
    }

    private void partnerInDirectory(boolean active, String rate) {
        when(partners.find(PARTNER)).thenReturn(Optional.of(new PartnerDirectory.Entry(PARTNER,
                Set.of("nordicgrc.se", "nordicgrc.com"), new BigDecimal(rate), active, false)));
        when(partners.isActive(PARTNER)).thenReturn(active);
    }

    private static RegisterDeal registration(String contactEmail) {
        return new RegisterDeal(DEAL, PARTNER, new CustomerDetails("Acme Oy", "Anna Virtanen", contactEmail, "FI"),
                25, "Met at the ISO 27001 webinar");
    }

    @Nested
    class Registration {

        @Test
        void registersANewPendingDealForTheContactsLowerCasedDomain() {
            fixture.givenNoPriorActivity()
                    .when(registration("Anna.Virtanen@ACME.fi"))
                    .expectEvents(REGISTERED)
                    .expectResultMessagePayload(new Deal.RegistrationOutcome(0, true));
        }

        @Test
        void refusesTheContactBeingThePartnersOwnAddress() {
            fixture.givenNoPriorActivity()
                    .when(registration("me@NordicGRC.se"))
                    .expectNoEvents()
                    .expectException(violation("CONTACT_IS_PARTNER"));
        }

        @Test
        void refusesAFreeMailAddress() {
            fixture.givenNoPriorActivity()
                    .when(registration("anna.virtanen@gmail.com"))
                    .expectNoEvents()
                    .expectException(violation("FREE_EMAIL_DOMAIN"));
        }

        @Test
        void refusesASecondOpenProtectedDealOfThePartnerForTheDomain() {
            when(claims.protectingDealOf(PARTNER, "acme.fi")).thenReturn(Optional.of("earlier-deal"));
            fixture.givenNoPriorActivity()
                    .when(registration("anna@acme.fi"))
                    .expectNoEvents()
                    .expectException(violation("DUPLICATE_DEAL", Map.of("existingDealId", "earlier-deal")));
        }

        @Test
        void flagsAnotherPartnersProtectedDealForTheReviewerButRegisters() {
            when(claims.protectedByAnotherPartner(PARTNER, "acme.fi")).thenReturn(true);
            fixture.givenNoPriorActivity()
                    .when(registration("Anna.Virtanen@ACME.fi"))
                    .expectEvents(new DealRegistered(DEAL, PARTNER, CUSTOMER, "acme.fi", 25,
                            "Met at the ISO 27001 webinar", Set.of(DealFlag.DOMAIN_CONFLICT)));
        }

        @Test
        void flagsAnExistingSubscribedCustomerButRegisters() {
            when(customerAccounts.hasActiveSubscription("acme.fi")).thenReturn(true);
            fixture.givenNoPriorActivity()
                    .when(registration("Anna.Virtanen@ACME.fi"))
                    .expectEvents(new DealRegistered(DEAL, PARTNER, CUSTOMER, "acme.fi", 25,
                            "Met at the ISO 27001 webinar", Set.of(DealFlag.EXISTING_CUSTOMER)));
        }

        @Test
        void refusesAnUnregisteredPartner() {
            when(partners.find(PARTNER)).thenReturn(Optional.empty());
            fixture.givenNoPriorActivity()
                    .when(registration("anna@acme.fi"))
                    .expectNoEvents()
                    .expectException(violation("PARTNER_NOT_REGISTERED"));
        }

        @Test
        void refusesAnInactivePartner() {
            partnerInDirectory(false, "0.20");
            fixture.givenNoPriorActivity()
                    .when(registration("anna@acme.fi"))
                    .expectNoEvents()
                    .expectException(violation("PARTNER_NOT_REGISTERED"));
        }

        @Test
        void theSameRegistrationSentAgainChangesNothing() {
            when(claims.protectingDealOf(PARTNER, "acme.fi")).thenReturn(Optional.of(DEAL));
            fixture.given(REGISTERED)
                    .when(registration("Anna.Virtanen@ACME.fi"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Deal.RegistrationOutcome(0, false));
        }

        @Test
        void theSameDealIdWithOtherDetailsIsRefused() {
            fixture.given(REGISTERED)
                    .when(registration("someone.else@acme.fi"))
                    .expectNoEvents()
                    .expectException(violation("DEAL_ID_TAKEN"));
        }
    }

    @Nested
    class Review {

        @Test
        void acceptsAPendingDeal() {
            fixture.given(REGISTERED)
                    .when(new AcceptDeal(DEAL, null))
                    .expectEvents(new DealAccepted(DEAL))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void acceptingAnAcceptedDealChangesNothing() {
            fixture.given(REGISTERED, new DealAccepted(DEAL))
                    .when(new AcceptDeal(DEAL, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void cannotAcceptADeniedDeal() {
            fixture.given(REGISTERED, new DealDenied(DEAL, DenialReason.INVALID_LEAD, null))
                    .when(new AcceptDeal(DEAL, null))
                    .expectNoEvents()
                    .expectException(violation("REVIEW_ALREADY_DECIDED"));
        }

        @Test
        void deniesAPendingDealWithReasonAndComment() {
            fixture.given(REGISTERED)
                    .when(new DenyDeal(DEAL, DenialReason.EXISTING_CUSTOMER, "Already a customer since 2024", null))
                    .expectEvents(new DealDenied(DEAL, DenialReason.EXISTING_CUSTOMER, "Already a customer since 2024"));
        }

        @Test
        void denyingForAnOtherReasonNeedsAComment() {
            fixture.given(REGISTERED)
                    .when(new DenyDeal(DEAL, DenialReason.OTHER, " ", null))
                    .expectNoEvents()
                    .expectException(violation("VALIDATION_FAILED"));
        }

        @Test
        void cannotDenyAnAcceptedDeal() {
            fixture.given(REGISTERED, new DealAccepted(DEAL))
                    .when(new DenyDeal(DEAL, DenialReason.DUPLICATE, null, null))
                    .expectNoEvents()
                    .expectException(violation("REVIEW_ALREADY_DECIDED"));
        }

        @Test
        void denyingADeniedDealChangesNothing() {
            fixture.given(REGISTERED, new DealDenied(DEAL, DenialReason.DUPLICATE, null))
                    .when(new DenyDeal(DEAL, DenialReason.DUPLICATE, null, null))
                    .expectNoEvents();
        }
    }

    @Nested
    class Stages {

        @Test
        void thePartnerMovesAPendingDealForwardAndBack() {
            fixture.given(REGISTERED, new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                    .when(new MoveDealStage(DEAL, DealStage.NEWSLETTER_SUBSCRIPTION, PARTNER, null))
                    .expectEvents(new DealStageChanged(DEAL, DealStage.TRIAL, DealStage.NEWSLETTER_SUBSCRIPTION));
        }

        @Test
        void aManagerMayMoveAnyDeal() {
            fixture.given(REGISTERED)
                    .when(new MoveDealStage(DEAL, DealStage.TRIAL, null, null))
                    .expectEvents(new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL));
        }

        @Test
        void movingToTheCurrentStageChangesNothing() {
            fixture.given(REGISTERED)
                    .when(new MoveDealStage(DEAL, DealStage.NEW, PARTNER, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }

        @Test
        void closingIsNotAStageMove() {
            fixture.given(REGISTERED)
                    .when(new MoveDealStage(DEAL, DealStage.CLOSED_WON, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("USE_CLOSE_COMMAND"));
        }

        @Test
        void anotherPartnerIsToldTheDealDoesNotExist() {
            fixture.given(REGISTERED)
                    .when(new MoveDealStage(DEAL, DealStage.TRIAL, OTHER_PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("NOT_FOUND"));
        }

        @Test
        void aDeniedDealRefusesStageMoves() {
            fixture.given(REGISTERED, new DealDenied(DEAL, DenialReason.INVALID_LEAD, null))
                    .when(new MoveDealStage(DEAL, DealStage.TRIAL, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("DEAL_DENIED"));
        }

        @Test
        void aClosedDealRefusesStageMoves() {
            fixture.given(REGISTERED, new DealClosedLost(DEAL, DealStage.NEW, "No budget this year"))
                    .when(new MoveDealStage(DEAL, DealStage.TRIAL, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("DEAL_CLOSED"));
        }

        @Test
        void anExtensionRequestForTheLinkedTrialIsRecordedOnTheDeal() {
            fixture.given(REGISTERED, new DealTrialStarted(DEAL, "customer-1", Instant.parse("2026-12-06T10:00:00Z")),
                            new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                    .when(new RecordTrialExtensionRequest(DEAL, "customer-1"))
                    .expectEvents(new DealTrialExtensionRequested(DEAL, "customer-1"))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void anExtensionRequestChangesNothingOnADeniedDeal() {
            fixture.given(REGISTERED, new DealTrialStarted(DEAL, "customer-1", Instant.parse("2026-12-06T10:00:00Z")),
                            new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL),
                            new DealDenied(DEAL, DenialReason.DUPLICATE, null))
                    .when(new RecordTrialExtensionRequest(DEAL, "customer-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        void anExtensionRequestChangesNothingOnAClosedDeal() {
            fixture.given(REGISTERED, new DealTrialStarted(DEAL, "customer-1", Instant.parse("2026-12-06T10:00:00Z")),
                            new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL),
                            new DealClosedLost(DEAL, DealStage.TRIAL, "No budget"))
                    .when(new RecordTrialExtensionRequest(DEAL, "customer-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        void theNewsletterAgreementMovesANewDealToItsStage() {
            fixture.given(REGISTERED)
                    .when(new SubmitNewsletterSubscription(DEAL, PARTNER, null))
                    .expectEvents(new NewsletterSubscriptionSubmitted(DEAL, "Anna.Virtanen@ACME.fi"),
                            new DealStageChanged(DEAL, DealStage.NEW, DealStage.NEWSLETTER_SUBSCRIPTION))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void theNewsletterAgreementLeavesALaterStageAsItIs() {
            fixture.given(REGISTERED, new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                    .when(new SubmitNewsletterSubscription(DEAL, PARTNER, null))
                    .expectEvents(new NewsletterSubscriptionSubmitted(DEAL, "Anna.Virtanen@ACME.fi"));
        }

        @Test
        void aSecondNewsletterSubmissionChangesNothing() {
            fixture.given(REGISTERED, new NewsletterSubscriptionSubmitted(DEAL, "Anna.Virtanen@ACME.fi"))
                    .when(new SubmitNewsletterSubscription(DEAL, PARTNER, null))
                    .expectNoEvents();
        }

        @Test
        void aDeniedDealRefusesTheNewsletterAgreement() {
            fixture.given(REGISTERED, new DealDenied(DEAL, DenialReason.INVALID_LEAD, null))
                    .when(new SubmitNewsletterSubscription(DEAL, PARTNER, null))
                    .expectException(violation("DEAL_DENIED"));
        }
    }

    @Nested
    class ClosingWon {

        private final Money value = new Money(new BigDecimal("4800.00"), "EUR");

        @Test
        void creditCardAndInvoicePayTheCommissionOutToThePartner() {
            fixture.given(REGISTERED, new DealAccepted(DEAL), new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                    .when(new CloseDealWon(DEAL, BillingOption.INVOICE, value, PARTNER, null))
                    .expectEvents(new DealClosedWon(DEAL, DealStage.TRIAL, BillingOption.INVOICE, value,
                            new BigDecimal("0.20"), new Money(new BigDecimal("960.00"), "EUR"),
                            new Settlement(Settlement.Type.PAYOUT_TO_PARTNER, new Money(new BigDecimal("960.00"), "EUR"), null)));
        }

        @Test
        void partnerBillingInvoicesThePartnerTheValueLessCommission() {
            fixture.given(REGISTERED, new DealAccepted(DEAL))
                    .when(new CloseDealWon(DEAL, BillingOption.PARTNER_BILLING, value, PARTNER, null))
                    .expectEvents(new DealClosedWon(DEAL, DealStage.NEW, BillingOption.PARTNER_BILLING, value,
                            new BigDecimal("0.20"), new Money(new BigDecimal("960.00"), "EUR"),
                            new Settlement(Settlement.Type.INVOICE_TO_PARTNER, null, new Money(new BigDecimal("3840.00"), "EUR"))));
        }

        @Test
        void theCommissionUsesTheRateInForceRoundedHalfEvenToCents() {
            partnerInDirectory(true, "0.1");
            Money smallValue = new Money(new BigDecimal("1.25"), "EUR"); // 0.125 -> 0.12 (half-even), not 0.13
            fixture.given(REGISTERED, new DealAccepted(DEAL))
                    .when(new CloseDealWon(DEAL, BillingOption.CREDIT_CARD, smallValue, PARTNER, null))
                    .expectEvents(new DealClosedWon(DEAL, DealStage.NEW, BillingOption.CREDIT_CARD, smallValue,
                            new BigDecimal("0.1"), new Money(new BigDecimal("0.12"), "EUR"),
                            new Settlement(Settlement.Type.PAYOUT_TO_PARTNER, new Money(new BigDecimal("0.12"), "EUR"), null)));
        }

        @Test
        void onlyAnAcceptedDealCanBeWon() {
            fixture.given(REGISTERED)
                    .when(new CloseDealWon(DEAL, BillingOption.INVOICE, value, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("DEAL_NOT_ACCEPTED"));
        }

        @Test
        void aClosedDealCannotBeWon() {
            fixture.given(REGISTERED, new DealAccepted(DEAL), new DealClosedLost(DEAL, DealStage.NEW, "Chose a competitor"))
                    .when(new CloseDealWon(DEAL, BillingOption.INVOICE, value, PARTNER, null))
                    .expectException(violation("DEAL_CLOSED"));
        }

        @Test
        void aDeniedDealCannotBeWon() {
            fixture.given(REGISTERED, new DealDenied(DEAL, DenialReason.DUPLICATE, null))
                    .when(new CloseDealWon(DEAL, BillingOption.INVOICE, value, PARTNER, null))
                    .expectException(violation("DEAL_DENIED"));
        }
    }

    @Nested
    class ClosingLostAndReopening {

        @Test
        void closesLostWithTheReasonAndTheStageItWasIn() {
            fixture.given(REGISTERED, new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                    .when(new CloseDealLost(DEAL, "No budget until Q3", PARTNER, null))
                    .expectEvents(new DealClosedLost(DEAL, DealStage.TRIAL, "No budget until Q3"));
        }

        @Test
        void aLostDealCannotBeClosedAgain() {
            fixture.given(REGISTERED, new DealClosedLost(DEAL, DealStage.NEW, "No budget"))
                    .when(new CloseDealLost(DEAL, "Still no budget", PARTNER, null))
                    .expectException(violation("DEAL_CLOSED"));
        }

        @Test
        void reopeningTakesALostDealBackToTheStageItWasClosedFrom() {
            fixture.given(REGISTERED, new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL),
                            new DealClosedLost(DEAL, DealStage.TRIAL, "No budget until Q3"))
                    .when(new ReopenDeal(DEAL, PARTNER, null))
                    .expectEvents(new DealReopened(DEAL, DealStage.TRIAL));
        }

        @Test
        void onlyALostDealCanBeReopened() {
            fixture.given(REGISTERED)
                    .when(new ReopenDeal(DEAL, PARTNER, null))
                    .expectException(violation("DEAL_NOT_LOST"));
        }

        @Test
        void aWonDealCannotBeReopened() {
            fixture.given(REGISTERED, new DealAccepted(DEAL), new DealClosedWon(DEAL, DealStage.NEW, BillingOption.INVOICE,
                            new Money(new BigDecimal("100.00"), "EUR"), new BigDecimal("0.20"),
                            new Money(new BigDecimal("20.00"), "EUR"),
                            new Settlement(Settlement.Type.PAYOUT_TO_PARTNER, new Money(new BigDecimal("20.00"), "EUR"), null)))
                    .when(new ReopenDeal(DEAL, PARTNER, null))
                    .expectException(violation("DEAL_NOT_LOST"));
        }

        @Test
        void aDeniedLostDealCannotBeReopened() {
            fixture.given(REGISTERED, new DealClosedLost(DEAL, DealStage.NEW, "No budget"),
                            new DealDenied(DEAL, DenialReason.INVALID_LEAD, null))
                    .when(new ReopenDeal(DEAL, PARTNER, null))
                    .expectException(violation("DEAL_DENIED"));
        }
    }

    /** SPEC 3: a deactivated partner's users keep read access and may add notes; every other command is refused. */
    @Nested
    class DeactivatedPartner {

        @BeforeEach
        void deactivated() {
            partnerInDirectory(false, "0.20");
        }

        @Test
        void itsUsersMayStillAddNotes() {
            fixture.given(REGISTERED)
                    .when(new AddDealNote(DEAL, "n1", "Customer is still interested", "anna@nordicgrc.se", PARTNER, null))
                    .expectEvents(new DealNoteAdded(DEAL, "n1", "anna@nordicgrc.se", "Customer is still interested"));
        }

        @Test
        void itsUsersCanNoLongerMoveCloseOrReopenDeals() {
            for (Object command : new Object[] {
                    new MoveDealStage(DEAL, DealStage.TRIAL, PARTNER, null),
                    new SubmitNewsletterSubscription(DEAL, PARTNER, null),
                    new CloseDealWon(DEAL, BillingOption.INVOICE, new Money(new BigDecimal("4800.00"), "EUR"), PARTNER, null),
                    new CloseDealLost(DEAL, "Budget cut", PARTNER, null)}) {
                fixture.given(REGISTERED, new DealAccepted(DEAL))
                        .when(command)
                        .expectNoEvents()
                        .expectException(violation("PARTNER_INACTIVE"));
            }
            fixture.given(REGISTERED, new DealClosedLost(DEAL, DealStage.NEW, "Budget cut"))
                    .when(new ReopenDeal(DEAL, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("PARTNER_INACTIVE"));
        }

        @Test
        void managersStillActOnItsDeals() {
            fixture.given(REGISTERED, new DealAccepted(DEAL))
                    .when(new CloseDealWon(DEAL, BillingOption.INVOICE, new Money(new BigDecimal("4800.00"), "EUR"), null, null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anotherPartnerIsStillToldTheDealDoesNotExist() {
            fixture.given(REGISTERED)
                    .when(new MoveDealStage(DEAL, DealStage.TRIAL, OTHER_PARTNER, null))
                    .expectException(violation("NOT_FOUND"));
        }
    }

    @Nested
    class Notes {

        @Test
        void notesAreAllowedOnADeniedClosedDeal() {
            fixture.given(REGISTERED, new DealClosedLost(DEAL, DealStage.NEW, "No budget"),
                            new DealDenied(DEAL, DenialReason.INVALID_LEAD, null))
                    .when(new AddDealNote(DEAL, "n-1", "Customer asked again in May", "anna@nordicgrc.se", PARTNER, null))
                    .expectEvents(new DealNoteAdded(DEAL, "n-1", "anna@nordicgrc.se", "Customer asked again in May"));
        }

        @Test
        void theSameNoteSentAgainChangesNothing() {
            fixture.given(REGISTERED, new DealNoteAdded(DEAL, "n-1", "anna@nordicgrc.se", "Call back Monday"))
                    .when(new AddDealNote(DEAL, "n-1", "Call back Monday", "anna@nordicgrc.se", PARTNER, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void anotherTextUnderATakenNoteIdIsRefused() {
            fixture.given(REGISTERED, new DealNoteAdded(DEAL, "n-1", "anna@nordicgrc.se", "Call back Monday"))
                    .when(new AddDealNote(DEAL, "n-1", "Call back Tuesday", "anna@nordicgrc.se", PARTNER, null))
                    .expectException(violation("NOTE_ID_TAKEN"));
        }

        @Test
        void anotherPartnerCannotAddNotes() {
            fixture.given(REGISTERED)
                    .when(new AddDealNote(DEAL, "n-1", "Hello", "eve@baltic-sec.example", OTHER_PARTNER, null))
                    .expectException(violation("NOT_FOUND"));
        }
    }

    /** SPEC 11: erasure and redaction are recorded on the deal; the keys themselves are shredded elsewhere. */
    @Nested
    class PersonalData {

        private final DealNoteAdded note = new DealNoteAdded(DEAL, "n-1", "anna@nordicgrc.se", "Anna is on leave");

        @Test
        void anErasedContactIsRecordedOnceOnTheDeal() {
            fixture.given(REGISTERED, new DealAccepted(DEAL))
                    .when(new EraseDealContact(DEAL, "erasure-1", "Asked to be forgotten"))
                    .expectEvents(new DealContactErased(DEAL, "erasure-1", "Asked to be forgotten"))
                    .expectResultMessagePayload(2L);
            fixture.given(REGISTERED, new DealContactErased(DEAL, "erasure-1", "Asked to be forgotten"))
                    .when(new EraseDealContact(DEAL, "erasure-2", "Asked again"))
                    .expectNoEvents();
        }

        /** The erased email stays out of later events, also when the deal was not read back from the store. */
        @Test
        void aNewsletterAgreementAfterAnErasureCarriesNoEmail() {
            fixture.given(REGISTERED, new DealContactErased(DEAL, "erasure-1", "Asked to be forgotten"))
                    .when(new SubmitNewsletterSubscription(DEAL, PARTNER, null))
                    .expectEvents(new NewsletterSubscriptionSubmitted(DEAL, null),
                            new DealStageChanged(DEAL, DealStage.NEW, DealStage.NEWSLETTER_SUBSCRIPTION));
        }

        @Test
        void aNoteIsRedactedOnce() {
            fixture.given(REGISTERED, note)
                    .when(new RedactDealNote(DEAL, "n-1", "Health information"))
                    .expectEvents(new DealNoteRedacted(DEAL, "n-1", "Health information"));
            fixture.given(REGISTERED, note, new DealNoteRedacted(DEAL, "n-1", "Health information"))
                    .when(new RedactDealNote(DEAL, "n-1", "Again"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownNoteCannotBeRedacted() {
            fixture.given(REGISTERED, note)
                    .when(new RedactDealNote(DEAL, "n-2", "Typo"))
                    .expectNoEvents()
                    .expectException(violation("NOT_FOUND"));
        }

        /** A redacted note's text is gone, so a retry under its id cannot be told from another text. */
        @Test
        void aRedactedNotesIdStaysTaken() {
            fixture.given(REGISTERED, new DealNoteAdded(DEAL, "n-1", "anna@nordicgrc.se", null),
                            new DealNoteRedacted(DEAL, "n-1", "Health information"))
                    .when(new AddDealNote(DEAL, "n-1", "Anna is on leave", "anna@nordicgrc.se", PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("NOTE_ID_TAKEN"));
        }

        /** After an erasure the aggregate itself reads the contact as null: a retried registration no longer matches. */
        @Test
        void anErasedRegistrationIsNoLongerTheSameRegistration() {
            DealRegistered erased = new DealRegistered(DEAL, PARTNER, new CustomerDetails("Acme Oy", null, null, "FI"),
                    "acme.fi", 25, null, Set.of());
            fixture.given(erased, new DealContactErased(DEAL, "erasure-1", "Asked to be forgotten"))
                    .when(registration("Anna.Virtanen@ACME.fi"))
                    .expectNoEvents()
                    .expectException(violation("DEAL_ID_TAKEN"));
        }
    }
}

package com.partnerdeals.command.customer;

import static com.partnerdeals.command.RuleViolations.violation;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.partnerdeals.api.customer.Activity;
import com.partnerdeals.api.customer.CustomerActivityRecorded;
import com.partnerdeals.api.customer.CustomerUsageReported;
import com.partnerdeals.api.customer.ExpireTrial;
import com.partnerdeals.api.customer.ExtendTrial;
import com.partnerdeals.api.customer.RecordCustomerActivities;
import com.partnerdeals.api.customer.ReportCustomerUsage;
import com.partnerdeals.api.customer.RequestTrialExtension;
import com.partnerdeals.api.customer.StartSubscription;
import com.partnerdeals.api.customer.SubscriptionStarted;
import com.partnerdeals.api.customer.TrialExpired;
import com.partnerdeals.api.customer.TrialExtended;
import com.partnerdeals.api.customer.TrialExtensionRequested;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of SPEC section 5, one test each: given the account's events, when a command, expect events. */
class TrialTest {

    static final String CUSTOMER = "c7a1e0d4-5b7e-4c61-8f3e-2a9d8c7b6a50";
    static final String DEAL = "6f1c1c52-2d1e-4d7e-9a61-0c5f3c1f0a01";
    static final String PARTNER = "nordic-grc";
    static final Instant STARTED = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant TRIAL_END = STARTED.plus(Duration.ofDays(14));
    static final TrialStarted TRIAL_STARTED = new TrialStarted(CUSTOMER, DEAL, PARTNER, "Acme Oy", "acme.fi", TRIAL_END);

    MutableClock clock = new MutableClock(STARTED.plus(Duration.ofDays(5)));
    ActivityLedger ledger = mock(ActivityLedger.class);
    PartnerDirectory partners = activePartners();
    AggregateTestFixture<Trial> fixture;

    @BeforeEach
    void setUp() {
        setUp(new PortalProperties(null, null, null, null, null, null, null, null));
    }

    void setUp(PortalProperties properties) {
        fixture = new AggregateTestFixture<>(Trial.class);
        fixture.registerInjectableResource(properties);
        fixture.registerInjectableResource(partners);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(ledger);
    }

    static Instant day(int days) {
        return STARTED.plus(Duration.ofDays(days));
    }

    @Nested
    class ExtensionRequest {

        @Test
        void aDeactivatedPartnerCannotAskForAnExtension() {
            when(partners.isActive(PARTNER)).thenReturn(false);
            fixture.given(TRIAL_STARTED)
                    .when(new RequestTrialExtension(CUSTOMER, null, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("PARTNER_INACTIVE"));
        }

        @Test
        void theOwningPartnerOpensARequest() {
            fixture.given(TRIAL_STARTED)
                    .when(new RequestTrialExtension(CUSTOMER, "Needs two more weeks for the pilot", PARTNER, null))
                    .expectEvents(new TrialExtensionRequested(CUSTOMER, "Needs two more weeks for the pilot"))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void anotherPartnerIsToldTheAccountDoesNotExist() {
            fixture.given(TRIAL_STARTED)
                    .when(new RequestTrialExtension(CUSTOMER, null, "baltic-sec", null))
                    .expectNoEvents()
                    .expectException(violation("NOT_FOUND"));
        }

        @Test
        void oneRequestIsOpenAtATime() {
            fixture.given(TRIAL_STARTED, new TrialExtensionRequested(CUSTOMER, null))
                    .when(new RequestTrialExtension(CUSTOMER, "again", PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("EXTENSION_ALREADY_REQUESTED"));
        }

        @Test
        void anExtensionClosesTheRequestSoANewOneCanBeOpenedWhileExtensionsAreLeft() {
            setUp(new PortalProperties(new PortalProperties.Trial(null, null, 2), null, null, null, null, null, null, null));
            fixture.given(TRIAL_STARTED, new TrialExtensionRequested(CUSTOMER, null),
                            new TrialExtended(CUSTOMER, 30, TRIAL_END.plus(Duration.ofDays(30))))
                    .when(new RequestTrialExtension(CUSTOMER, null, PARTNER, null))
                    .expectEvents(new TrialExtensionRequested(CUSTOMER, null));
        }

        @Test
        void noRequestOnceTheExtensionsAreUsedUp() {
            fixture.given(TRIAL_STARTED, new TrialExtended(CUSTOMER, 30, TRIAL_END.plus(Duration.ofDays(30))))
                    .when(new RequestTrialExtension(CUSTOMER, null, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("TRIAL_ALREADY_EXTENDED"));
        }

        @Test
        void noRequestForASubscribedCustomer() {
            fixture.given(TRIAL_STARTED, new SubscriptionStarted(CUSTOMER, null, day(3), DEAL))
                    .when(new RequestTrialExtension(CUSTOMER, null, PARTNER, null))
                    .expectNoEvents()
                    .expectException(violation("SUBSCRIPTION_ACTIVE"));
        }

        @Test
        void aClosedTrialMayAskForAnExtension() {
            clock.set(day(20));
            fixture.given(TRIAL_STARTED, new TrialExpired(CUSTOMER, TRIAL_END))
                    .when(new RequestTrialExtension(CUSTOMER, null, PARTNER, null))
                    .expectEvents(new TrialExtensionRequested(CUSTOMER, null));
        }
    }

    @Nested
    class Extension {

        @Test
        void extendsFromTheTrialEndBy30DaysByDefault() {
            fixture.given(TRIAL_STARTED, new TrialExtensionRequested(CUSTOMER, null))
                    .when(new ExtendTrial(CUSTOMER, null, null))
                    .expectEvents(new TrialExtended(CUSTOMER, 30, TRIAL_END.plus(Duration.ofDays(30))))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void extendsByTheGivenDays() {
            fixture.given(TRIAL_STARTED)
                    .when(new ExtendTrial(CUSTOMER, 10, null))
                    .expectEvents(new TrialExtended(CUSTOMER, 10, TRIAL_END.plus(Duration.ofDays(10))));
        }

        @Test
        void theDefaultDaysAreConfigurable() {
            setUp(new PortalProperties(new PortalProperties.Trial(null, 21, null), null, null, null, null, null, null, null));
            fixture.given(TRIAL_STARTED)
                    .when(new ExtendTrial(CUSTOMER, null, null))
                    .expectEvents(new TrialExtended(CUSTOMER, 21, TRIAL_END.plus(Duration.ofDays(21))));
        }

        @Test
        void anEndedTrialIsExtendedFromNowAndReopens() {
            clock.set(day(20));
            fixture.given(TRIAL_STARTED, new TrialExpired(CUSTOMER, TRIAL_END))
                    .when(new ExtendTrial(CUSTOMER, 30, null))
                    .expectEvents(new TrialExtended(CUSTOMER, 30, day(50)));
        }

        @Test
        void aTrialPastItsEndButNotYetClosedIsExtendedFromNow() {
            clock.set(day(16));
            fixture.given(TRIAL_STARTED)
                    .when(new ExtendTrial(CUSTOMER, 30, null))
                    .expectEvents(new TrialExtended(CUSTOMER, 30, day(46)));
        }

        @Test
        void atMostOneExtension() {
            fixture.given(TRIAL_STARTED, new TrialExtended(CUSTOMER, 30, TRIAL_END.plus(Duration.ofDays(30))))
                    .when(new ExtendTrial(CUSTOMER, 30, null))
                    .expectNoEvents()
                    .expectException(violation("TRIAL_ALREADY_EXTENDED"));
        }

        @Test
        void theNumberOfExtensionsIsConfigurable() {
            setUp(new PortalProperties(new PortalProperties.Trial(null, null, 2), null, null, null, null, null, null, null));
            fixture.given(TRIAL_STARTED, new TrialExtended(CUSTOMER, 30, TRIAL_END.plus(Duration.ofDays(30))))
                    .when(new ExtendTrial(CUSTOMER, 5, null))
                    .expectEvents(new TrialExtended(CUSTOMER, 5, TRIAL_END.plus(Duration.ofDays(35))));
        }

        @Test
        void notForAnActiveSubscription() {
            fixture.given(TRIAL_STARTED, new SubscriptionStarted(CUSTOMER, null, day(3), null))
                    .when(new ExtendTrial(CUSTOMER, 30, null))
                    .expectNoEvents()
                    .expectException(violation("SUBSCRIPTION_ACTIVE"));
        }

        @Test
        void daysOutsideOneTo90AreRefused() {
            fixture.given(TRIAL_STARTED)
                    .when(new ExtendTrial(CUSTOMER, 91, null))
                    .expectNoEvents()
                    .expectException(violation("VALIDATION_FAILED"));
            fixture.given(TRIAL_STARTED)
                    .when(new ExtendTrial(CUSTOMER, 0, null))
                    .expectNoEvents()
                    .expectException(violation("VALIDATION_FAILED"));
        }
    }

    @Nested
    class Expiry {

        @Test
        void aTrialIsClosedWhenItsEndIsReached() {
            clock.set(TRIAL_END);
            fixture.given(TRIAL_STARTED)
                    .when(new ExpireTrial(CUSTOMER))
                    .expectEvents(new TrialExpired(CUSTOMER, TRIAL_END));
        }

        @Test
        void notBeforeItsEnd() {
            clock.set(TRIAL_END.minusSeconds(1));
            fixture.given(TRIAL_STARTED)
                    .when(new ExpireTrial(CUSTOMER))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void onlyOnce() {
            clock.set(day(30));
            fixture.given(TRIAL_STARTED, new TrialExpired(CUSTOMER, TRIAL_END))
                    .when(new ExpireTrial(CUSTOMER))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anExtendedTrialEndsAtItsNewEnd() {
            clock.set(day(20));
            fixture.given(TRIAL_STARTED, new TrialExtended(CUSTOMER, 30, TRIAL_END.plus(Duration.ofDays(30))))
                    .when(new ExpireTrial(CUSTOMER))
                    .expectNoEvents();
            clock.set(TRIAL_END.plus(Duration.ofDays(30)));
            fixture.given(TRIAL_STARTED, new TrialExtended(CUSTOMER, 30, TRIAL_END.plus(Duration.ofDays(30))))
                    .when(new ExpireTrial(CUSTOMER))
                    .expectEvents(new TrialExpired(CUSTOMER, TRIAL_END.plus(Duration.ofDays(30))));
        }

        @Test
        void aSubscriptionNeverExpires() {
            clock.set(day(400));
            fixture.given(TRIAL_STARTED, new SubscriptionStarted(CUSTOMER, "Professional", day(3), null))
                    .when(new ExpireTrial(CUSTOMER))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Subscription {

        @Test
        void startsFromTrialNowByDefault() {
            fixture.given(TRIAL_STARTED)
                    .when(new StartSubscription(CUSTOMER, null, null, DEAL, null))
                    .expectEvents(new SubscriptionStarted(CUSTOMER, null, day(5), DEAL));
        }

        @Test
        void startsAtTheReportedTimeWithThePlan() {
            fixture.given(TRIAL_STARTED)
                    .when(new StartSubscription(CUSTOMER, "Professional", day(4), null, null))
                    .expectEvents(new SubscriptionStarted(CUSTOMER, "Professional", day(4), null));
        }

        @Test
        void aClosedAccountMaySubscribeLater() {
            clock.set(day(40));
            fixture.given(TRIAL_STARTED, new TrialExpired(CUSTOMER, TRIAL_END))
                    .when(new StartSubscription(CUSTOMER, null, null, null, null))
                    .expectEvents(new SubscriptionStarted(CUSTOMER, null, day(40), null));
        }

        @Test
        void aSecondStartChangesNothing() {
            fixture.given(TRIAL_STARTED, new SubscriptionStarted(CUSTOMER, null, day(3), null))
                    .when(new StartSubscription(CUSTOMER, "Professional", null, DEAL, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void aStartInTheFutureIsRefused() {
            fixture.given(TRIAL_STARTED)
                    .when(new StartSubscription(CUSTOMER, null, day(6), null, null))
                    .expectNoEvents()
                    .expectException(violation("VALIDATION_FAILED"));
        }
    }

    @Nested
    class Usage {

        static final Activity LOGIN = new Activity("a-1", "LOGIN", day(4), "user-1");
        static final Activity TASK = new Activity("a-2", "TASK_COMPLETED", day(5), null);

        @Test
        void recordsTheActivitiesNewToTheAccount() {
            when(ledger.recordNew(eq(CUSTOMER), anyList())).thenReturn(List.of(TASK));
            fixture.given(TRIAL_STARTED)
                    .when(new RecordCustomerActivities(CUSTOMER, List.of(LOGIN, TASK)))
                    .expectEvents(new CustomerActivityRecorded(CUSTOMER, List.of(TASK)))
                    .expectResultMessagePayload(new Trial.ActivityOutcome(1, 1, 1));
        }

        @Test
        void aBatchOfRepeatsRecordsNothing() {
            when(ledger.recordNew(eq(CUSTOMER), anyList())).thenReturn(List.of());
            fixture.given(TRIAL_STARTED)
                    .when(new RecordCustomerActivities(CUSTOMER, List.of(LOGIN, TASK)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Trial.ActivityOutcome(0, 2, 0));
        }

        @Test
        void anActivityMoreThanFiveMinutesAheadRefusesTheWholeBatch() {
            Activity ahead = new Activity("a-3", "LOGIN", clock.instant().plus(Duration.ofMinutes(5)).plusSeconds(1), null);
            fixture.given(TRIAL_STARTED)
                    .when(new RecordCustomerActivities(CUSTOMER, List.of(LOGIN, ahead)))
                    .expectNoEvents()
                    .expectException(violation("VALIDATION_FAILED"));
            verifyNoInteractions(ledger);
        }

        @Test
        void anActivityFiveMinutesAheadIsAccepted() {
            Activity ahead = new Activity("a-3", "LOGIN", clock.instant().plus(Duration.ofMinutes(5)), null);
            when(ledger.recordNew(eq(CUSTOMER), anyList())).thenReturn(List.of(ahead));
            fixture.given(TRIAL_STARTED)
                    .when(new RecordCustomerActivities(CUSTOMER, List.of(ahead)))
                    .expectEvents(new CustomerActivityRecorded(CUSTOMER, List.of(ahead)));
        }

        @Test
        void theLatestUsageReportWins() {
            fixture.given(TRIAL_STARTED, new CustomerUsageReported(CUSTOMER, 3, null, 0))
                    .when(new ReportCustomerUsage(CUSTOMER, 5, "ISO 27001", 12))
                    .expectEvents(new CustomerUsageReported(CUSTOMER, 5, "ISO 27001", 12));
        }

        @Test
        void theSameReportAgainChangesNothing() {
            fixture.given(TRIAL_STARTED, new CustomerUsageReported(CUSTOMER, 5, "ISO 27001", 12))
                    .when(new ReportCustomerUsage(CUSTOMER, 5, "ISO 27001", 12))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }
    }

    static PartnerDirectory activePartners() {
        PartnerDirectory partners = mock(PartnerDirectory.class);
        when(partners.isActive(anyString())).thenReturn(true);
        return partners;
    }
}

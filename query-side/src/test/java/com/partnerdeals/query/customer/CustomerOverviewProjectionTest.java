package com.partnerdeals.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.customer.Activity;
import com.partnerdeals.api.customer.AttentionCode;
import com.partnerdeals.api.customer.AttentionItem;
import com.partnerdeals.api.customer.CustomerActivityRecorded;
import com.partnerdeals.api.customer.CustomerOverview;
import com.partnerdeals.api.customer.CustomerSort;
import com.partnerdeals.api.customer.CustomerStatus;
import com.partnerdeals.api.customer.CustomerUsageReported;
import com.partnerdeals.api.customer.CustomerView;
import com.partnerdeals.api.customer.FindCustomer;
import com.partnerdeals.api.customer.FindTrialsEndingSoon;
import com.partnerdeals.api.customer.ListCustomers;
import com.partnerdeals.api.customer.SubscriptionStarted;
import com.partnerdeals.api.customer.TrialExpired;
import com.partnerdeals.api.customer.TrialExtended;
import com.partnerdeals.api.customer.TrialExtensionRequested;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.query.ReadModelDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The customer overview on a real database with a controlled clock: events go in through Axon's handler
 * adapter (as the processor delivers them, with their timestamps), rows come out of the query handlers at
 * the clock's "now".
 */
class CustomerOverviewProjectionTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String PARTNER = "nordic-grc";
    static final String OTHER_PARTNER = "baltic-sec";

    final MutableClock clock = new MutableClock(T0);
    final PortalProperties properties = new PortalProperties(null, null, null, null, null, null, null, null);
    final Map<String, Long> sequences = new HashMap<>();
    AnnotationEventHandlerAdapter projection;
    CustomerOverviewQueries queries;
    ActivityWindowRefresh refresh;
    TabCounts tabCounts;
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        DataSource database = ReadModelDatabase.migrated().dataSource();
        jdbc = JdbcClient.create(database);
        projection = new AnnotationEventHandlerAdapter(new CustomerOverviewProjection(jdbc,
                new JdbcTemplate(database), clock, properties));
        tabCounts = new TabCounts(jdbc, new JdbcTemplate(database), new DataSourceTransactionManager(database), clock,
                properties);
        queries = new CustomerOverviewQueries(new CustomerOverviewRows(jdbc, tabCounts, properties), clock);
        refresh = new ActivityWindowRefresh(jdbc, new DataSourceTransactionManager(database), clock, properties);
    }

    static Instant day(double days) {
        return T0.plus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    /** Delivers an event of an aggregate as the processor would, stamped with the clock's time. */
    void deliver(String aggregateId, Object event) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        try {
            projection.handle(new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, event, Map.of(),
                    aggregateId + "-" + sequence, clock.instant()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trial started now from a deal of the partner: ends in 14 days. */
    String trial(String partnerId, String companyName) {
        String customerId = "customer-" + companyName.toLowerCase().replace(' ', '-');
        String dealId = "deal-" + customerId;
        Instant ends = clock.instant().plus(Duration.ofDays(14));
        deliver(dealId, new DealTrialStarted(dealId, customerId, ends));
        deliver(customerId, new TrialStarted(customerId, dealId, partnerId, companyName,
                customerId.substring("customer-".length()) + ".example", ends));
        return customerId;
    }

    void activities(String customerId, Instant... at) {
        List<Activity> activities = new ArrayList<>();
        for (Instant occurredAt : at) {
            activities.add(new Activity(customerId + "-" + occurredAt + "-" + activities.size(), "LOGIN", occurredAt, null));
        }
        deliver(customerId, new CustomerActivityRecorded(customerId, activities));
    }

    CustomerView view(String customerId) {
        return queries.handle(new FindCustomer(customerId, Viewer.vendorStaff()));
    }

    List<AttentionCode> attention(String customerId) {
        return view(customerId).attentionItems().stream().map(AttentionItem::code).toList();
    }

    CustomerOverview list(Viewer viewer) {
        return queries.handle(new ListCustomers(viewer, null, Set.of(), false, null, null, new PageRequest(0, 50)));
    }

    CustomerOverview list(ListCustomers query) {
        return queries.handle(query);
    }

    static List<String> names(CustomerOverview page) {
        return page.items().stream().map(CustomerView::companyName).toList();
    }

    @Test
    void aStartedTrialIsARowOfItsPartner() {
        String acme = trial(PARTNER, "Acme Oy");

        CustomerView view = view(acme);
        assertThat(view.companyName()).isEqualTo("Acme Oy");
        assertThat(view.domain()).isEqualTo("acme-oy.example");
        assertThat(view.partnerId()).isEqualTo(PARTNER);
        assertThat(view.dealId()).isEqualTo("deal-" + acme);
        assertThat(view.status()).isEqualTo(CustomerStatus.TRIAL);
        assertThat(view.trialEndsAt()).isEqualTo(day(14));
        assertThat(view.activitiesLast90Days()).isZero();
        assertThat(view.lastActivityAt()).isNull();
        assertThat(view.users()).isNull();
        assertThat(view.attentionItems()).isEmpty();
    }

    @Test
    void usageReportsFillTheRow() {
        String acme = trial(PARTNER, "Acme Oy");
        deliver(acme, new CustomerUsageReported(acme, 4, null, 0));
        deliver(acme, new CustomerUsageReported(acme, 7, "ISO 27001", 35));

        CustomerView view = view(acme);
        assertThat(view.users()).isEqualTo(7);
        assertThat(view.mainFramework()).isEqualTo("ISO 27001");
        assertThat(view.frameworkProgress()).isEqualTo(35);
    }

    @Nested
    class StatusAtTheTimeOfAsking {

        @Test
        void aTrialPastItsEndIsClosedBeforeItsExpiryIsRecorded() {
            String acme = trial(PARTNER, "Acme Oy");
            clock.set(day(14).minusSeconds(1));
            assertThat(view(acme).status()).isEqualTo(CustomerStatus.TRIAL);

            clock.set(day(14));
            assertThat(view(acme).status()).isEqualTo(CustomerStatus.CLOSED);
            deliver(acme, new TrialExpired(acme, day(14)));
            assertThat(view(acme).status()).isEqualTo(CustomerStatus.CLOSED);
        }

        @Test
        void anExtensionReopensAClosedTrialAndASubscriptionNeverEnds() {
            String acme = trial(PARTNER, "Acme Oy");
            clock.set(day(20));
            deliver(acme, new TrialExpired(acme, day(14)));
            deliver(acme, new TrialExtended(acme, 30, day(50)));
            assertThat(view(acme).status()).isEqualTo(CustomerStatus.TRIAL);
            assertThat(view(acme).trialEndsAt()).isEqualTo(day(50));

            deliver(acme, new SubscriptionStarted(acme, "Professional", day(21), null));
            clock.set(day(400));
            assertThat(view(acme).status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(view(acme).subscribedAt()).isEqualTo(day(21));
        }
    }

    @Nested
    class AttentionItems {

        @Test
        void trialEndingWithinSevenDays() {
            String acme = trial(PARTNER, "Acme Oy");
            deliver(acme, new CustomerUsageReported(acme, 3, "ISO 27001", 10));
            activities(acme, day(0));

            clock.set(day(7).minusSeconds(1));
            assertThat(attention(acme)).doesNotContain(AttentionCode.TRIAL_ENDING);
            clock.set(day(7));
            assertThat(view(acme).attentionItems()).containsExactly(
                    new AttentionItem(AttentionCode.TRIAL_ENDING, "The trial ends at " + day(14) + "."));
            clock.set(day(14));
            assertThat(attention(acme)).doesNotContain(AttentionCode.TRIAL_ENDING);
        }

        @Test
        void trialEndedUndecidedWhileTheDealIsOpenForThirtyDays() {
            String acme = trial(PARTNER, "Acme Oy");
            clock.set(day(14).minusSeconds(1));
            assertThat(attention(acme)).doesNotContain(AttentionCode.TRIAL_ENDED_UNDECIDED);

            clock.set(day(14));
            assertThat(attention(acme)).contains(AttentionCode.TRIAL_ENDED_UNDECIDED);
            deliver(acme, new TrialExpired(acme, day(14)));
            clock.set(day(44).minusSeconds(1));
            assertThat(attention(acme)).contains(AttentionCode.TRIAL_ENDED_UNDECIDED);
            clock.set(day(44));
            assertThat(attention(acme)).doesNotContain(AttentionCode.TRIAL_ENDED_UNDECIDED);
        }

        @Test
        void aDecidedDealEndsTrialEndedUndecidedAndReopeningBringsItBack() {
            String acme = trial(PARTNER, "Acme Oy");
            String deal = "deal-" + acme;
            clock.set(day(20));
            deliver(acme, new TrialExpired(acme, day(14)));
            deliver(deal, new DealClosedLost(deal, DealStage.TRIAL, "No budget this year"));
            assertThat(attention(acme)).doesNotContain(AttentionCode.TRIAL_ENDED_UNDECIDED);

            deliver(deal, new DealReopened(deal, DealStage.TRIAL));
            assertThat(attention(acme)).contains(AttentionCode.TRIAL_ENDED_UNDECIDED);
        }

        @Test
        void extensionRequestedUntilExtendedOrSubscribed() {
            String acme = trial(PARTNER, "Acme Oy");
            String globex = trial(PARTNER, "Globex");
            deliver(acme, new TrialExtensionRequested(acme, "Pilot runs late"));
            deliver(globex, new TrialExtensionRequested(globex, null));
            assertThat(attention(acme)).containsExactly(AttentionCode.EXTENSION_REQUESTED);

            deliver(acme, new TrialExtended(acme, 30, day(44)));
            deliver(globex, new SubscriptionStarted(globex, null, day(1), null));
            assertThat(attention(acme)).isEmpty();
            assertThat(attention(globex)).isEmpty();
        }

        @Test
        void inactiveWhenOlderThanSevenDaysWithNoActivityInFourteen() {
            String acme = trial(PARTNER, "Acme Oy");
            deliver(acme, new CustomerUsageReported(acme, 3, "ISO 27001", 10));
            deliver(acme, new TrialExtended(acme, 60, day(74)));

            clock.set(day(7));
            assertThat(attention(acme)).doesNotContain(AttentionCode.INACTIVE);
            clock.set(day(7).plusSeconds(1));
            assertThat(view(acme).attentionItems()).contains(
                    new AttentionItem(AttentionCode.INACTIVE, "No activity has been recorded in the account."));

            activities(acme, day(7));
            assertThat(attention(acme)).doesNotContain(AttentionCode.INACTIVE);
            clock.set(day(21).minusSeconds(1));
            assertThat(attention(acme)).doesNotContain(AttentionCode.INACTIVE);
            clock.set(day(21));
            assertThat(view(acme).attentionItems()).contains(
                    new AttentionItem(AttentionCode.INACTIVE, "No activity since " + day(7) + "."));
        }

        @Test
        void inactiveAlsoForSubscriptionsButNotForClosedAccounts() {
            String acme = trial(PARTNER, "Acme Oy");
            String globex = trial(PARTNER, "Globex");
            deliver(acme, new SubscriptionStarted(acme, null, day(1), null));
            clock.set(day(30));
            deliver(globex, new TrialExpired(globex, day(14)));

            assertThat(attention(acme)).containsExactly(AttentionCode.INACTIVE);
            assertThat(attention(globex)).doesNotContain(AttentionCode.INACTIVE);
        }

        @Test
        void noFrameworkAfterMoreThanThreeDaysInTrial() {
            String acme = trial(PARTNER, "Acme Oy");
            clock.set(day(3));
            assertThat(attention(acme)).doesNotContain(AttentionCode.NO_FRAMEWORK);
            clock.set(day(3).plusSeconds(1));
            assertThat(attention(acme)).containsExactly(AttentionCode.NO_FRAMEWORK);

            deliver(acme, new CustomerUsageReported(acme, 2, "NIS2", 0));
            assertThat(attention(acme)).isEmpty();
        }

        @Test
        void itemsAreCountedAndListedTogether() {
            String acme = trial(PARTNER, "Acme Oy");
            deliver(acme, new TrialExtensionRequested(acme, null));
            clock.set(day(8));

            CustomerView view = view(acme);
            assertThat(view.attentionItems()).extracting(AttentionItem::code).containsExactly(
                    AttentionCode.TRIAL_ENDING, AttentionCode.EXTENSION_REQUESTED, AttentionCode.INACTIVE,
                    AttentionCode.NO_FRAMEWORK);
            assertThat(view.attentionCount()).isEqualTo(4);
        }
    }

    @Nested
    class ActivitiesInTheWindow {

        @Test
        void anActivityExactlyNinetyDaysOldIsOutAndOneJustInsideIsIn() {
            clock.set(day(100));
            String acme = trial(PARTNER, "Acme Oy");
            activities(acme, day(10), day(10).plusSeconds(1), day(99));

            assertThat(view(acme).activitiesLast90Days()).isEqualTo(2);
            assertThat(view(acme).lastActivityAt()).isEqualTo(day(99));
        }

        @Test
        void theCountFallsAsTimePassesWithNoNewEvent() {
            String acme = trial(PARTNER, "Acme Oy");
            clock.set(day(2));
            activities(acme, day(0), day(1), day(2));
            assertThat(view(acme).activitiesLast90Days()).isEqualTo(3);

            clock.set(day(90));
            assertThat(view(acme).activitiesLast90Days()).isEqualTo(2);
            clock.set(day(91).plusSeconds(1));
            assertThat(view(acme).activitiesLast90Days()).isEqualTo(1);
            clock.set(day(92));
            assertThat(view(acme).activitiesLast90Days()).isZero();
            assertThat(view(acme).lastActivityAt()).isEqualTo(day(2));
        }

        @Test
        void anActivityAheadOfTheClockCountsOnceItsTimeHasCome() {
            String acme = trial(PARTNER, "Acme Oy");
            activities(acme, day(0).plusSeconds(120));
            assertThat(view(acme).activitiesLast90Days()).isZero();
            clock.set(day(0).plusSeconds(120));
            assertThat(view(acme).activitiesLast90Days()).isEqualTo(1);
        }

        @Test
        void aRedeliveredBatchCountsOnce() {
            String acme = trial(PARTNER, "Acme Oy");
            Activity login = new Activity("login-1", "LOGIN", day(0), "user-1");
            deliver(acme, new CustomerActivityRecorded(acme, List.of(login)));
            deliver(acme, new CustomerActivityRecorded(acme, List.of(login)));

            assertThat(view(acme).activitiesLast90Days()).isEqualTo(1);
            assertThat(list(new ListCustomers(Viewer.vendorStaff(), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.ACTIVITIES_LAST_90_DAYS, false), new PageRequest(0, 50)))
                    .items()).extracting(CustomerView::activitiesLast90Days).containsExactly(1L);
        }

        @Test
        void sortingByActivityFollowsTheWindowAfterARefresh() {
            String acme = trial(PARTNER, "Acme Oy");
            String globex = trial(PARTNER, "Globex");
            activities(acme, day(0), day(0), day(0));
            activities(globex, day(50), day(50));
            ListCustomers byActivity = new ListCustomers(Viewer.vendorStaff(), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.ACTIVITIES_LAST_90_DAYS, false), new PageRequest(0, 50));
            clock.set(day(60));
            assertThat(names(list(byActivity))).containsExactly("Acme Oy", "Globex");

            clock.set(day(95));
            refresh.refresh();
            CustomerOverview page = list(byActivity);
            assertThat(names(page)).containsExactly("Globex", "Acme Oy");
            assertThat(page.items()).extracting(CustomerView::activitiesLast90Days).containsExactly(2L, 0L);
        }
    }

    @Nested
    class Listing {

        String acme;
        String globex;
        String initech;
        String umbrella;

        @BeforeEach
        void fourAccounts() {
            acme = trial(PARTNER, "Acme Oy");
            clock.set(day(2));
            globex = trial(PARTNER, "Globex");
            initech = trial(PARTNER, "Initech 50% Off");
            umbrella = trial(OTHER_PARTNER, "Umbrella");
            deliver(globex, new SubscriptionStarted(globex, null, day(2), null));
            deliver(acme, new CustomerUsageReported(acme, 3, "ISO 27001", 10));
            deliver(initech, new CustomerUsageReported(initech, 3, "ISO 27001", 10));
            deliver(umbrella, new CustomerUsageReported(umbrella, 3, "ISO 27001", 10));
            activities(acme, day(1), day(1), day(2));
            activities(globex, day(2));
            activities(initech, day(2));
            activities(umbrella, day(2));
            // Counted on day 2, so the listings below also read stored counts that time has made due.
            tabCounts.recount(clock.instant());
            clock.set(day(9));
        }

        ListCustomers query(Viewer viewer, String partnerId, Set<CustomerStatus> statuses, boolean needsAttention,
                            String text, CustomerSort sort, int page, int size) {
            return new ListCustomers(viewer, partnerId, statuses, needsAttention, text, sort, new PageRequest(page, size));
        }

        @Test
        void aPartnerSeesItsOwnAccountsByCompanyName() {
            CustomerOverview page = list(Viewer.partner(PARTNER));
            assertThat(names(page)).containsExactly("Acme Oy", "Globex", "Initech 50% Off");
            assertThat(page.totalItems()).isEqualTo(3);
            // Acme ends within 7 days; Initech too (day 16); Globex is subscribed.
            assertThat(page.counts()).isEqualTo(new CustomerOverview.Counts(3, 2, 1, 0, 2));
        }

        @Test
        void aPartnerCannotLookAtAnotherPartnersAccount() {
            assertThat(list(query(Viewer.partner(PARTNER), OTHER_PARTNER, Set.of(), false, null, null, 0, 50))
                    .items()).extracting(CustomerView::partnerId).containsOnly(PARTNER);
            assertThatThrownBy(() -> queries.handle(new FindCustomer(umbrella, Viewer.partner(PARTNER))))
                    .isInstanceOf(RuleViolation.class)
                    .extracting(e -> ((RuleViolation) e).code()).isEqualTo("NOT_FOUND");
        }

        @Test
        void aManagerSeesEveryoneOrOnePartner() {
            CustomerOverview all = list(Viewer.vendorStaff());
            assertThat(names(all)).containsExactly("Acme Oy", "Globex", "Initech 50% Off", "Umbrella");
            assertThat(all.counts()).isEqualTo(new CustomerOverview.Counts(4, 3, 1, 0, 3));
            CustomerOverview other = list(query(Viewer.vendorStaff(), OTHER_PARTNER, Set.of(), false, null, null, 0, 50));
            assertThat(names(other)).containsExactly("Umbrella");
            assertThat(other.counts().all()).isEqualTo(1);
        }

        @Test
        void filtersByStatusAtTheTimeOfAsking() {
            clock.set(day(14));
            CustomerOverview closed = list(query(Viewer.partner(PARTNER), null, Set.of(CustomerStatus.CLOSED), false,
                    null, null, 0, 50));
            assertThat(names(closed)).containsExactly("Acme Oy");
            assertThat(closed.totalItems()).isEqualTo(1);
            assertThat(closed.counts()).isEqualTo(new CustomerOverview.Counts(3, 1, 1, 1, 2));
            assertThat(names(list(query(Viewer.partner(PARTNER), null,
                    Set.of(CustomerStatus.TRIAL, CustomerStatus.ACTIVE), false, null, null, 0, 50))))
                    .containsExactly("Globex", "Initech 50% Off");
        }

        @Test
        void filtersByNeedingAttention() {
            CustomerOverview attention = list(query(Viewer.partner(PARTNER), null, Set.of(), true, null, null, 0, 50));
            assertThat(names(attention)).containsExactly("Acme Oy", "Initech 50% Off");
            assertThat(attention.totalItems()).isEqualTo(2);
        }

        @Test
        void combinedFiltersCountWhatMatchesThemAllWhileTheTabsKeepTheirCounts() {
            CustomerOverview activeNeedingAttention = list(query(Viewer.partner(PARTNER), null,
                    Set.of(CustomerStatus.ACTIVE), true, null, null, 0, 50));
            assertThat(activeNeedingAttention.items()).isEmpty();
            assertThat(activeNeedingAttention.totalItems()).isZero();
            assertThat(activeNeedingAttention.counts()).isEqualTo(new CustomerOverview.Counts(3, 2, 1, 0, 2));

            CustomerOverview trialsNeedingAttention = list(query(Viewer.partner(PARTNER), null,
                    Set.of(CustomerStatus.TRIAL), true, null, null, 0, 50));
            assertThat(names(trialsNeedingAttention)).containsExactly("Acme Oy", "Initech 50% Off");
            assertThat(trialsNeedingAttention.totalItems()).isEqualTo(2);

            CustomerOverview acmeNeedingAttention = list(query(Viewer.partner(PARTNER), null, Set.of(), true, "acme",
                    null, 0, 50));
            assertThat(names(acmeNeedingAttention)).containsExactly("Acme Oy");
            assertThat(acmeNeedingAttention.totalItems()).isEqualTo(1);
            assertThat(acmeNeedingAttention.counts()).isEqualTo(new CustomerOverview.Counts(3, 2, 1, 0, 2));
        }

        @Test
        void searchesCompanyNameAndDomainCaseInsensitivelyAndLiterally() {
            assertThat(names(list(query(Viewer.vendorStaff(), null, Set.of(), false, "GLOBEX", null, 0, 50))))
                    .containsExactly("Globex");
            assertThat(names(list(query(Viewer.vendorStaff(), null, Set.of(), false, "umbrella.example", null, 0, 50))))
                    .containsExactly("Umbrella");
            assertThat(names(list(query(Viewer.vendorStaff(), null, Set.of(), false, "50%", null, 0, 50))))
                    .containsExactly("Initech 50% Off");
            assertThat(names(list(query(Viewer.vendorStaff(), null, Set.of(), false, "o_", null, 0, 50)))).isEmpty();
        }

        @Test
        void sortsByEachColumnBothWays() {
            assertThat(names(list(query(Viewer.partner(PARTNER), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.COMPANY_NAME, false), 0, 50))))
                    .containsExactly("Initech 50% Off", "Globex", "Acme Oy");
            assertThat(names(list(query(Viewer.partner(PARTNER), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.ACTIVITIES_LAST_90_DAYS, false), 0, 50))))
                    .containsExactly("Acme Oy", "Globex", "Initech 50% Off");
            assertThat(names(list(query(Viewer.partner(PARTNER), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.TRIAL_ENDS_AT, true), 0, 50))))
                    .containsExactly("Acme Oy", "Globex", "Initech 50% Off");
            assertThat(names(list(query(Viewer.partner(PARTNER), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.TRIAL_ENDS_AT, false), 0, 50))))
                    .containsExactly("Globex", "Initech 50% Off", "Acme Oy");
            deliver(acme, new TrialExtensionRequested(acme, null));
            assertThat(names(list(query(Viewer.partner(PARTNER), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.ATTENTION_COUNT, false), 0, 50))))
                    .containsExactly("Acme Oy", "Initech 50% Off", "Globex");
            assertThat(names(list(query(Viewer.partner(PARTNER), null, Set.of(), false, null,
                    new CustomerSort(CustomerSort.Field.ATTENTION_COUNT, true), 0, 50))))
                    .containsExactly("Globex", "Initech 50% Off", "Acme Oy");
        }

        @Test
        void pagesThroughTheSelection() {
            CustomerOverview second = list(query(Viewer.vendorStaff(), null, Set.of(), false, null, null, 1, 3));
            assertThat(names(second)).containsExactly("Umbrella");
            assertThat(second.totalItems()).isEqualTo(4);
            assertThat(second.page()).isEqualTo(1);
            assertThat(second.size()).isEqualTo(3);
            assertThat(list(query(Viewer.vendorStaff(), null, Set.of(), false, null, null, 2, 3)).items()).isEmpty();
        }

        @Test
        void trialsEndingSoonForTheDashboard() {
            var partners = queries.handle(new FindTrialsEndingSoon(Viewer.partner(PARTNER), null));
            assertThat(partners.count()).isEqualTo(2);
            assertThat(partners.soonest()).extracting(t -> t.companyName()).containsExactly("Acme Oy", "Initech 50% Off");
            assertThat(queries.handle(new FindTrialsEndingSoon(Viewer.vendorStaff(), null)).count()).isEqualTo(3);
            assertThat(queries.handle(new FindTrialsEndingSoon(Viewer.vendorStaff(), OTHER_PARTNER)).count()).isEqualTo(1);
        }

        @Test
        void aResetEmptiesTheOverviewForAReplay() throws Exception {
            tabCounts.recount(clock.instant());
            projection.prepareReset();
            assertThat(list(Viewer.vendorStaff()).counts()).isEqualTo(new CustomerOverview.Counts(0, 0, 0, 0, 0));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_overview_activity").query(Long.class).single()).isZero();
        }
    }

    @Test
    void manyAccountsPageConsistently() {
        IntStream.range(0, 25).forEach(i -> trial(PARTNER, "Company %02d".formatted(i)));
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            seen.addAll(names(list(new ListCustomers(Viewer.partner(PARTNER), null, Set.of(), false, null, null,
                    new PageRequest(page, 10)))));
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
    }

    /**
     * The tab counts come from per-partner counts plus a recount of the accounts that are due; whatever has
     * been recounted, they must equal classifying every account at the time of asking.
     */
    @Nested
    class TabCountsAtTheTimeOfAsking {

        final List<String> customers = new ArrayList<>();

        @Test
        void equalClassifyingEveryAccountWhateverHasBeenRecounted() {
            Random random = new Random(7);
            List<String> partners = List.of(PARTNER, OTHER_PARTNER, "third-partner");
            for (int step = 0; step < 80; step++) {
                clock.set(clock.instant().plus(Duration.ofHours(random.nextInt(48))));
                if (customers.isEmpty() || random.nextInt(4) == 0) {
                    customers.add(trial(partners.get(random.nextInt(partners.size())), "Company %03d".formatted(step)));
                }
                String customer = customers.get(random.nextInt(customers.size()));
                String deal = "deal-" + customer;
                Instant now = clock.instant();
                switch (random.nextInt(8)) {
                    case 0 -> activities(customer, now.minus(Duration.ofDays(random.nextInt(20))));
                    case 1 -> deliver(customer, new CustomerUsageReported(customer, 2, random.nextBoolean() ? "ISO 27001" : null, 5));
                    case 2 -> deliver(customer, new TrialExtensionRequested(customer, null));
                    case 3 -> deliver(customer, new TrialExtended(customer, 30, now.plus(Duration.ofDays(30))));
                    case 4 -> deliver(customer, new TrialExpired(customer, now));
                    case 5 -> deliver(customer, new SubscriptionStarted(customer, null, now, null));
                    case 6 -> deliver(deal, new DealClosedLost(deal, DealStage.TRIAL, null));
                    default -> deliver(deal, new DealReopened(deal, DealStage.TRIAL));
                }
                if (random.nextInt(3) == 0) {
                    tabCounts.recount(clock.instant());
                }
                List<CustomerView> views = list(new ListCustomers(Viewer.vendorStaff(), null, Set.of(), false, null, null,
                        new PageRequest(0, PageRequest.MAX_SIZE))).items();
                assertThat(views).hasSameSizeAs(customers);
                assertThat(tabCounts.at(null, clock.instant())).as("all accounts, step %d", step)
                        .isEqualTo(classifiedOneByOne(views, null));
                for (String partner : partners) {
                    assertThat(tabCounts.at(partner, clock.instant())).as("%s, step %d", partner, step)
                            .isEqualTo(classifiedOneByOne(views, partner));
                }
            }
            assertThat(customers).hasSizeGreaterThan(15);
        }

        @Test
        void aRecountLeavesNoAccountDueUntilTimeOrAnEventChangesIt() {
            String acme = trial(PARTNER, "Acme Oy");
            deliver(acme, new CustomerUsageReported(acme, 2, null, 0));
            assertThat(due()).isEqualTo(1);
            tabCounts.recount(clock.instant());
            assertThat(due()).isZero();
            assertThat(list(Viewer.partner(PARTNER)).counts()).isEqualTo(new CustomerOverview.Counts(1, 1, 0, 0, 0));

            // NO_FRAMEWORK begins just after three days: the account is due then, and not yet in it.
            clock.set(day(3));
            assertThat(due()).isEqualTo(1);
            assertThat(tabCounts.recount(clock.instant())).isEqualTo(1);
            assertThat(tabCounts.recount(clock.instant())).isZero();
            assertThat(list(Viewer.partner(PARTNER)).counts()).isEqualTo(new CustomerOverview.Counts(1, 1, 0, 0, 0));

            // A moment later it is due again, and counted right before a recount.
            clock.set(day(3).plusSeconds(1));
            assertThat(due()).isEqualTo(1);
            assertThat(list(Viewer.partner(PARTNER)).counts()).isEqualTo(new CustomerOverview.Counts(1, 1, 0, 0, 1));
            tabCounts.recount(clock.instant());
            assertThat(due()).isZero();
            assertThat(list(Viewer.partner(PARTNER)).counts()).isEqualTo(new CustomerOverview.Counts(1, 1, 0, 0, 1));

            deliver(acme, new CustomerUsageReported(acme, 2, "ISO 27001", 5));
            assertThat(due()).isEqualTo(1);
            assertThat(list(Viewer.partner(PARTNER)).counts()).isEqualTo(new CustomerOverview.Counts(1, 1, 0, 0, 0));

            // More users and progress on the same framework change no tab: nothing to count again.
            tabCounts.recount(clock.instant());
            deliver(acme, new CustomerUsageReported(acme, 9, "ISO 27001", 60));
            assertThat(due()).isZero();
        }

        /**
         * Each time condition of SPEC 6 turns with no event at its moment: the recount there must have the
         * account due, or the stored counts would keep the old tab. Its turning points here are all apart.
         */
        @Test
        void eachAttentionItemThatTimeAloneTurnsIsCountedWhenItTurns() {
            String acme = trial(PARTNER, "Acme Oy");
            deliver(acme, new CustomerUsageReported(acme, 2, "ISO 27001", 5)); // never NO_FRAMEWORK
            clock.set(day(1));
            deliver(acme, new TrialExtended(acme, 30, day(44)));
            activities(acme, day(1));
            assertCountedAt(day(1), new CustomerOverview.Counts(1, 1, 0, 0, 0));
            // Old enough to be inactive, but active lately: counted, nothing due until the next turn.
            assertCountedAt(day(7).plusSeconds(1), new CustomerOverview.Counts(1, 1, 0, 0, 0));
            // INACTIVE: fourteen days after the last activity.
            assertCountedAt(day(15).plusSeconds(1), new CustomerOverview.Counts(1, 1, 0, 0, 1));
            clock.set(day(30));
            activities(acme, day(30));
            assertCountedAt(day(30), new CustomerOverview.Counts(1, 1, 0, 0, 0));
            // TRIAL_ENDING: seven days before the extended end.
            assertCountedAt(day(37).plusSeconds(1), new CustomerOverview.Counts(1, 1, 0, 0, 1));
            // The end: closed, and TRIAL_ENDED_UNDECIDED while its deal is open.
            assertCountedAt(day(44).plusSeconds(1), new CustomerOverview.Counts(1, 0, 0, 1, 1));
            // Thirty days after the end, nothing is undecided any more.
            assertCountedAt(day(74).plusSeconds(1), new CustomerOverview.Counts(1, 0, 0, 1, 0));
        }

        @Test
        void anAccountNeverUsedIsCountedInactiveFromTheDayItIsOldEnough() {
            String acme = trial(PARTNER, "Acme Oy");
            deliver(acme, new CustomerUsageReported(acme, 2, "ISO 27001", 5));
            clock.set(day(1));
            deliver(acme, new TrialExtended(acme, 30, day(44)));
            assertCountedAt(day(3).plusSeconds(1), new CustomerOverview.Counts(1, 1, 0, 0, 0));
            assertCountedAt(day(7).plusSeconds(1), new CustomerOverview.Counts(1, 1, 0, 0, 1));
        }

        /** Recounts at {@code at}; the stored counts must then need no due row to be right. */
        void assertCountedAt(Instant at, CustomerOverview.Counts expected) {
            clock.set(at);
            tabCounts.recount(at);
            assertThat(due()).as("due at %s", at).isZero();
            assertThat(list(Viewer.partner(PARTNER)).counts()).as("at %s", at).isEqualTo(expected);
        }

        long due() {
            return jdbc.sql("SELECT COUNT(*) FROM customer_overview WHERE count_due_at <= ?")
                    .param(CustomerOverviewRows.timestamp(clock.instant())).query(Long.class).single();
        }

        static CustomerOverview.Counts classifiedOneByOne(List<CustomerView> all, String partnerId) {
            List<CustomerView> views = all.stream()
                    .filter(view -> partnerId == null || view.partnerId().equals(partnerId)).toList();
            return new CustomerOverview.Counts(views.size(),
                    views.stream().filter(view -> view.status() == CustomerStatus.TRIAL).count(),
                    views.stream().filter(view -> view.status() == CustomerStatus.ACTIVE).count(),
                    views.stream().filter(view -> view.status() == CustomerStatus.CLOSED).count(),
                    views.stream().filter(view -> view.attentionCount() > 0).count());
        }
    }
}

package com.partnerdeals.bench.throughput;

import com.partnerdeals.api.common.Actor;
import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.NewsletterSubscriptionSubmitted;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.api.partner.PartnerRegistered;
import com.partnerdeals.platform.axon.AxonStorageConfiguration;
import com.partnerdeals.platform.axon.EventReadSettings;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.personal.PersonalDataConfiguration;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the event store up to a number of events, while the service is stopped, with the service's own
 * storage wiring ({@link AxonStorageConfiguration}: its Jackson serializer with personal data encrypted, table and
 * columns), appending
 * batches of {@value #EVENTS_PER_TRANSACTION} events per transaction as JDBC batches.
 *
 * <p>The events are those the command side writes: partners registered by a manager, then deal lifecycles
 * (registered, accepted or denied, newsletter, stage moves, notes, closed won or lost, some reopened),
 * 4 to 10 events each, stamped with the acting user. As in a real store, lifecycles interleave: about
 * {@value #DEALS_IN_FLIGHT} deals are open at any time and each next event belongs to a random one of them,
 * so the events of one deal lie thousands of events apart; timestamps rise over the past year.
 */
final class EventSeeder {

    static final int EVENTS_PER_TRANSACTION = 5_000;
    private static final int DEALS_IN_FLIGHT = 5_000;
    private static final int PARTNERS = 100;
    private static final Actor MANAGER = new Actor("manager@vendor.example", List.of("PARTNER_MANAGER"));

    /** What the store holds after seeding, and the final version of a sample of the seeded deals. */
    record Seeded(long eventsBefore, long eventsSeeded, long dealsSeeded, Map<String, Long> sampleVersions,
                  Duration took) {

        long eventsInStore() {
            return eventsBefore + eventsSeeded;
        }
    }

    private EventSeeder() {
    }

    static Seeded seed(TargetDatabase database, long eventsWanted) throws SQLException {
        long started = System.nanoTime();
        long before = countEvents(database);
        long toSeed = Math.max(0, eventsWanted - before);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(database.seedingUrl(), database.user(),
                "", true);
        try (AnnotationConfigApplicationContext storage = new AnnotationConfigApplicationContext()) {
            storage.registerBean(DataSource.class, () -> dataSource);
            storage.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
            // Personal data is encrypted as the service encrypts it, with the key the benchmark's service is given.
            storage.registerBean(JdbcClient.class, () -> JdbcClient.create(dataSource));
            storage.registerBean(Clock.class, Clock::systemUTC);
            storage.registerBean(PortalProperties.class, () -> new PortalProperties(null, null, null, null, null, null,
                    new PortalProperties.PersonalData(ServiceProcess.BENCH_MASTER_KEY, null), null));
            storage.registerBean(EventReadSettings.class, () -> new EventReadSettings(null));
            storage.register(PersonalDataConfiguration.class, AxonStorageConfiguration.class);
            storage.refresh();
            EventStorageEngine engine = storage.getBean(EventStorageEngine.class);
            TransactionTemplate transaction = new TransactionTemplate(storage.getBean(PlatformTransactionManager.class));

            History history = new History(toSeed);
            List<DomainEventMessage<?>> batch = new ArrayList<>(EVENTS_PER_TRANSACTION);
            for (long i = 0; i < toSeed; i++) {
                batch.add(history.next());
                if (batch.size() == EVENTS_PER_TRANSACTION || i == toSeed - 1) {
                    transaction.executeWithoutResult(status -> engine.appendEvents(batch));
                    batch.clear();
                }
            }
            return new Seeded(before, toSeed, history.dealsStarted, history.sampleVersions,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            dataSource.destroy();
        }
    }

    static long countEvents(TargetDatabase database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.seedingUrl(), database.user(), "");
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The store's history, one event at a time: the partners first, then interleaved deal lifecycles. */
    private static final class History {

        private final Random random = new Random(20_261_122);
        private final DealLifecycle[] inFlight = new DealLifecycle[DEALS_IN_FLIGHT];
        private final Instant start;
        private final long stepMillis;
        private final Map<String, Long> sampleVersions = new HashMap<>();
        private long emitted;
        private long dealsStarted;

        History(long events) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            this.start = now.minus(Duration.ofDays(365));
            this.stepMillis = Math.max(1, Duration.ofDays(365).toMillis() / Math.max(1, events));
        }

        DomainEventMessage<?> next() {
            Instant at = start.plusMillis(stepMillis * emitted);
            emitted++;
            if (emitted <= PARTNERS) {
                String partnerId = String.format("seeded-partner-%03d", emitted);
                return message("Partner", partnerId, 0, new PartnerRegistered(partnerId, "Partner " + emitted,
                        Set.of(partnerId + ".example"), new BigDecimal("0.20")), MANAGER, at);
            }
            int slot = random.nextInt(DEALS_IN_FLIGHT);
            if (inFlight[slot] == null || inFlight[slot].finished()) {
                inFlight[slot] = new DealLifecycle(random, ++dealsStarted);
            }
            DealLifecycle deal = inFlight[slot];
            DomainEventMessage<?> event = deal.next(at);
            if (deal.number % 250 == 0) {
                sampleVersions.put(deal.dealId, event.getSequenceNumber());
            }
            return event;
        }
    }

    /** One deal's planned events, handed out one at a time. */
    private static final class DealLifecycle {

        private final long number;
        private final String dealId = UUID.randomUUID().toString();
        private final String partnerId;
        private final Actor consultant;
        private final List<Object> planned = new ArrayList<>();
        private int sequence;

        DealLifecycle(Random random, long number) {
            this.number = number;
            this.partnerId = String.format("seeded-partner-%03d", 1 + random.nextInt(PARTNERS));
            this.consultant = new Actor("consultant@" + partnerId + ".example", List.of("PARTNER"));
            String domain = "customer-" + number + ".example";
            planned.add(new DealRegistered(dealId, partnerId, new CustomerDetails("Customer " + number + " Oy",
                    "Anna Virtanen", "anna.virtanen@" + domain, "FI"), domain, 5 + random.nextInt(200),
                    "Met at the ISO 27001 webinar", Set.of()));
            if (random.nextInt(10) == 0) {
                planned.add(new DealDenied(dealId, DenialReason.INVALID_LEAD, "No budget this year"));
                notes(random, 1 + random.nextInt(2));
                return;
            }
            planned.add(new DealAccepted(dealId));
            if (random.nextBoolean()) {
                planned.add(new NewsletterSubscriptionSubmitted(dealId, "anna.virtanen@" + domain));
            }
            planned.add(new DealStageChanged(dealId, DealStage.NEW, DealStage.NEWSLETTER_SUBSCRIPTION));
            DealStage stage = DealStage.NEWSLETTER_SUBSCRIPTION;
            if (random.nextInt(10) < 4) {
                planned.add(new DealStageChanged(dealId, stage, DealStage.TRIAL));
                stage = DealStage.TRIAL;
            }
            notes(random, 1 + random.nextInt(3));
            int outcome = random.nextInt(100);
            if (outcome < 45) {
                BillingOption billing = BillingOption.values()[random.nextInt(BillingOption.values().length)];
                Money value = new Money(BigDecimal.valueOf(1200 + 100L * random.nextInt(100)), "EUR");
                BigDecimal rate = new BigDecimal("0.20");
                Money commission = value.times(rate);
                planned.add(new DealClosedWon(dealId, stage, billing, value, rate, commission,
                        Settlement.of(billing, value, commission)));
            } else if (outcome < 80) {
                planned.add(new DealClosedLost(dealId, stage, "Chose a competitor; reassess at renewal"));
                if (random.nextInt(6) == 0) {
                    planned.add(new DealReopened(dealId, stage));
                    notes(random, 1);
                }
            }
        }

        private void notes(Random random, int count) {
            for (int i = 0; i < count; i++) {
                planned.add(new DealNoteAdded(dealId, UUID.randomUUID().toString(), consultant.subject(),
                        "Call notes " + (i + 1) + ": " + "discussed scope, users and timeline. ".repeat(1 + random.nextInt(4))));
            }
        }

        boolean finished() {
            return sequence == planned.size();
        }

        DomainEventMessage<?> next(Instant at) {
            Object event = planned.get(sequence);
            Actor actor = event instanceof DealAccepted || event instanceof DealDenied ? MANAGER : consultant;
            return message("Deal", dealId, sequence++, event, actor, at);
        }
    }

    private static DomainEventMessage<?> message(String type, String id, long sequence, Object payload, Actor actor,
                                                 Instant at) {
        String correlation = UUID.randomUUID().toString();
        return new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of(Actor.SUBJECT_KEY, actor.subject(), Actor.ROLES_KEY, actor.roles(),
                        "correlationId", correlation, "traceId", correlation),
                UUID.randomUUID().toString(), at);
    }
}

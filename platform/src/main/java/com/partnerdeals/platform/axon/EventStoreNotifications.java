package com.partnerdeals.platform.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, tells other processes at once that this one has stored events (PostgreSQL's {@code NOTIFY}): the
 * split deployment's query side then sees a command's events within milliseconds instead of at its event store's
 * next poll, a second apart. The query side listens ({@code query.projections.NotifiedEvents}).
 *
 * <p>After a commit that stored events, a thread of its own sends {@code NOTIFY} on channel {@value #CHANNEL},
 * naming this process. Never inside the command's transaction: PostgreSQL serialises the commits of notifying
 * transactions on one lock, which would serialise every command. Commits that come while a notification is on its
 * way share the next one, and notifications are at least {@link #NOTIFY_GAP} apart ({@link NewEventSignal}), so a
 * busy process sends 40 a second at most. Off on other databases (H2, the embedded default, is used by one process).
 */
@Component
public class EventStoreNotifications implements SmartLifecycle {

    public static final String CHANNEL = "partner_deals_events";
    /** Names this process in its notifications, so that its own listener ignores them. */
    public static final String PROCESS_NAME = ManagementFactory.getRuntimeMXBean().getName() + "/" + System.nanoTime();
    /**
     * At most one notification this often. The first after a quiet spell goes at once; under load the other
     * processes then read events in batches instead of one by one: with 5 ms, the split deployment's query side
     * and database spent about 2.5 times the CPU per command they spent with the 1 s poll, in one pair of runs on a
     * loaded machine whose spread bench/THROUGHPUT.md puts at a third.
     */
    private static final Duration NOTIFY_GAP = Duration.ofMillis(25);
    private static final Logger log = LoggerFactory.getLogger(EventStoreNotifications.class);

    private final JdbcTemplate jdbc;
    private final Counter sent;
    private volatile NewEventSignal otherProcesses;

    public EventStoreNotifications(WakeableEventStore eventStore, DataSource dataSource, MeterRegistry meters) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sent = counter(meters, "sent");
        eventStore.onEventsCommitted(this::eventsCommitted);
    }

    /** The meter of notifications in one direction: {@code sent} here, {@code received} where they are listened to. */
    public static Counter counter(MeterRegistry meters, String direction) {
        return Counter.builder("portal.events.notifications")
                .description("Notifications of new events between processes (PostgreSQL NOTIFY): sent after this "
                        + "process's commits, received of other processes' events")
                .tag("direction", direction)
                .register(meters);
    }

    /** Starts before the listeners, which listen only where notifications are sent. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    @Override
    public synchronized void start() {
        if (otherProcesses != null || !onPostgres()) {
            return;
        }
        otherProcesses = new NewEventSignal("event-notify", NOTIFY_GAP, this::notifyOtherProcesses);
    }

    @Override
    public synchronized void stop() {
        if (otherProcesses != null) {
            otherProcesses.close();
            otherProcesses = null;
        }
    }

    /** Whether notifications are sent: on PostgreSQL, once started. */
    @Override
    public boolean isRunning() {
        return otherProcesses != null;
    }

    private void eventsCommitted() {
        NewEventSignal signal = otherProcesses;
        if (signal != null) {
            signal.signal();
        }
    }

    private void notifyOtherProcesses() {
        try {
            jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, PROCESS_NAME);
            sent.increment();
        } catch (RuntimeException failure) {
            log.debug("Could not notify other processes of new events; they find them at their next poll", failure);
        }
    }

    private boolean onPostgres() {
        return "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName()));
    }
}

package com.partnerdeals.platform.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a process learns at once that another process has stored events (PostgreSQL's
 * {@code LISTEN/NOTIFY}): the split deployment's query side sees a command's events within milliseconds instead of
 * at its event store's next poll, a second apart.
 *
 * <p>Sending: after a commit that stored events, a thread of its own sends {@code NOTIFY} on channel
 * {@value #CHANNEL}, naming this process. Never inside the command's transaction: PostgreSQL serialises the commits
 * of notifying transactions on one lock, which would serialise every command. Commits that come while a
 * notification is on its way share the next one, and notifications are at least {@link #NOTIFY_EVERY_MILLIS} ms
 * apart, so a busy process sends 40 a second at most.
 *
 * <p>Listening: another thread holds a connection of the pool that {@code LISTEN}s on the channel and, told of
 * another process's events, has the {@link WakeableEventStore} read them now. If the connection fails, it is
 * opened again a second later; meanwhile the store's own poll still finds every event. Off on other databases
 * (H2, the embedded default, is used by one process).
 */
@Component
public class EventStoreNotifications implements SmartLifecycle {

    static final String CHANNEL = "partner_deals_events";
    /**
     * At most one notification this often. The first after a quiet spell goes at once; under load the other
     * processes then read events in batches instead of one by one: with 5 ms, the split deployment's query side
     * and database spent 2.6 times the CPU per command they spent with the 1 s poll (bench/THROUGHPUT.md).
     */
    private static final long NOTIFY_EVERY_MILLIS = 25;
    private static final int LISTEN_TIMEOUT_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(EventStoreNotifications.class);

    private final WakeableEventStore eventStore;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    /** Names this process in its notifications, so that it ignores its own. */
    private final String processName = ManagementFactory.getRuntimeMXBean().getName() + "/" + System.nanoTime();
    private final Semaphore eventsCommitted = new Semaphore(0);
    private volatile boolean running;
    private Thread sender;
    private Thread listener;

    private final Counter sent;
    private final Counter received;

    public EventStoreNotifications(WakeableEventStore eventStore, DataSource dataSource, MeterRegistry meters) {
        this.eventStore = eventStore;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.sent = notifications(meters, "sent");
        this.received = notifications(meters, "received");
        eventStore.onEventsCommitted(this::eventsCommitted);
    }

    private static Counter notifications(MeterRegistry meters, String direction) {
        return Counter.builder("portal.events.notifications")
                .description("Notifications of new events between processes (PostgreSQL NOTIFY): sent after this "
                        + "process's commits, received of other processes' events")
                .tag("direction", direction)
                .register(meters);
    }

    @Override
    public synchronized void start() {
        if (running || !onPostgres()) {
            return;
        }
        running = true;
        sender = daemon("event-notify", this::send);
        listener = daemon("event-listen", this::listen);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (sender != null) {
            sender.interrupt();
            listener.interrupt();
            sender = null;
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void eventsCommitted() {
        if (running && eventsCommitted.availablePermits() == 0) {
            eventsCommitted.release();
        }
    }

    private void send() {
        while (running) {
            try {
                eventsCommitted.acquire();
                eventsCommitted.drainPermits();
                jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, processName);
                sent.increment();
                TimeUnit.MILLISECONDS.sleep(NOTIFY_EVERY_MILLIS);
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException failure) {
                log.debug("Could not notify other processes of new events; they find them at their next poll", failure);
            }
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                eventStore.readNewEventsNow(); // whatever was stored while no one listened
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = notifications.getNotifications(LISTEN_TIMEOUT_MILLIS);
                    if (notices != null && Arrays.stream(notices).anyMatch(notice -> !processName.equals(notice.getParameter()))) {
                        received.increment();
                        eventStore.readNewEventsNow();
                    }
                }
            } catch (SQLException | RuntimeException failure) {
                if (!running) {
                    return;
                }
                log.warn("Listening for other processes' events failed; trying again in a second (their events still "
                        + "arrive at the event store's poll)", failure);
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }

    private boolean onPostgres() {
        return "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName()));
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

package com.partnerdeals.query.projections;

import com.partnerdeals.platform.axon.EventStoreNotifications;
import com.partnerdeals.platform.axon.WakeableEventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where the projections run: listens for other processes' notifications of new events
 * ({@link EventStoreNotifications}) and has the event store read them at once, so that {@link NewEventWakeUp} wakes
 * the projections within milliseconds instead of at the store's next poll.
 *
 * <p>A thread of its own holds a connection of the pool that {@code LISTEN}s on the channel. If the connection fails,
 * it is opened again a second later; meanwhile the store's own poll still finds every event. Only on PostgreSQL
 * (where notifications are sent).
 */
@Component
class NotifiedEvents implements SmartLifecycle {

    private static final int LISTEN_TIMEOUT_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(NotifiedEvents.class);

    private final WakeableEventStore eventStore;
    private final DataSource dataSource;
    private final EventStoreNotifications notifications;
    private final Counter received;
    private volatile boolean running;
    private Thread listener;

    NotifiedEvents(WakeableEventStore eventStore, DataSource dataSource, EventStoreNotifications notifications,
                   MeterRegistry meters) {
        this.eventStore = eventStore;
        this.dataSource = dataSource;
        this.notifications = notifications;
        this.received = EventStoreNotifications.counter(meters, "received");
    }

    @Override
    public synchronized void start() {
        if (running || !notifications.isRunning()) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "event-listen");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EventStoreNotifications.CHANNEL);
                }
                eventStore.readNewEventsNow(); // whatever was stored while no one listened
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(LISTEN_TIMEOUT_MILLIS);
                    if (notices != null && Arrays.stream(notices)
                            .anyMatch(notice -> !EventStoreNotifications.PROCESS_NAME.equals(notice.getParameter()))) {
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
}

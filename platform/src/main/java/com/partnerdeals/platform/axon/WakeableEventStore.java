package com.partnerdeals.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Axon's embedded event store with the two hooks that notifications between processes need: it tells who asks when
 * a unit of work has committed events ({@link EventStoreNotifications} then notifies), and it can be told to read
 * the store for new events at once (the query side's listener does, when notified). Without the latter, events
 * another process stores reach this one's streams at the store's next poll, up to a second later.
 *
 * <p>Under load its reader is woken at most once per {@link Settings#readGap} ({@link NewEventSignal}). Axon's reader
 * is woken after every commit of this process: under load that was 1.4 queries per command, each finding about the
 * one event of that command, and the projections then committed a batch per event or two (bench/THROUGHPUT.md). Now a
 * commit that comes sooner than the gap after the reader's last wake-up waits for the rest of the gap, and the
 * commits that come meanwhile are read together. The first commit after a quiet spell is read at once, so an idle
 * service's read models are as quick as before. (Once woken, Axon's reader reads on while its reads find events; the gap bounds
 * its wake-ups, not its reads.)
 */
public class WakeableEventStore extends EmbeddedEventStore {

    /**
     * @param readGap how long, at least, between two reads for new events that this process's commits (or another
     *                process's notifications) ask for; 0 reads after every commit, as Axon does
     */
    @ConfigurationProperties("portal.events")
    public record Settings(Duration readGap) {
        public Settings {
            readGap = readGap != null ? readGap : Duration.ofMillis(20);
            if (readGap.isNegative()) {
                throw new IllegalArgumentException("portal.events.read-gap must not be negative, not " + readGap);
            }
        }
    }

    private final List<Runnable> committedListeners = new CopyOnWriteArrayList<>();
    private final NewEventSignal readerWakeUp;

    WakeableEventStore(Builder builder, Settings settings) {
        super(builder);
        this.readerWakeUp = new NewEventSignal("event-store-read-gap", settings.readGap(), this::wakeReader);
    }

    /** Has the reader read the store for new events now, or at the gap's end if it was woken less than a gap ago. */
    public void readNewEventsNow() {
        readerWakeUp.signal();
    }

    /** Runs {@code listener} after every commit that stored events in this process. */
    public void onEventsCommitted(Runnable listener) {
        committedListeners.add(listener);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        readerWakeUp.signal();
        if (!events.isEmpty()) {
            committedListeners.forEach(Runnable::run);
        }
    }

    @Override
    public void shutDown() {
        readerWakeUp.close();
        super.shutDown();
    }

    private void wakeReader() {
        super.afterCommit(List.of());
    }
}

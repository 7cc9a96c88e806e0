package com.partnerdeals.platform.axon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store with the two hooks that notifications between processes need: it tells who asks when
 * a unit of work has committed events ({@link EventStoreNotifications} then notifies), and it can be told to read
 * the store for new events at once (the query side's listener does, when notified). Without the latter, events
 * another process stores reach this one's streams at the store's next poll, up to a second later. Under load its
 * reader reads at most once per read gap ({@link ReadSavingEventStorageEngine}).
 */
public class WakeableEventStore extends EmbeddedEventStore {

    private final List<Runnable> committedListeners = new CopyOnWriteArrayList<>();

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Reads the store for new events now if its reader is waiting for the next poll (as after a local commit). */
    public void readNewEventsNow() {
        super.afterCommit(List.of());
    }

    /** Runs {@code listener} after every commit that stored events in this process. */
    public void onEventsCommitted(Runnable listener) {
        committedListeners.add(listener);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (!events.isEmpty()) {
            committedListeners.forEach(Runnable::run);
        }
    }
}

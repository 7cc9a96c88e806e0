package com.partnerdeals.query.projections;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Wakes the projections' pooled processors as soon as a new event is in the event store.
 *
 * <p>Why: a pooled processor that has caught up looks for new events again when its event stream calls it
 * back or, for a stream that cannot call back, after a fixed 500 ms (Axon's coordinator). The embedded event
 * store's streams cannot call back, so a read model showed a command's effect 0 to 500 ms after the command,
 * however idle the service.
 *
 * <p>How: the projections read the event store through {@link #wakingUp}, whose streams can call back. One
 * "doorbell" stream tails the event store; the embedded store fetches the events this process commits at once
 * (under load within {@code portal.events.read-gap}, {@code ReadSavingEventStorageEngine}), and those that other processes
 * commit as soon as PostgreSQL notifies of them ({@code NotifiedEvents}; otherwise at its poll, every second).
 * Whenever the doorbell sees events it calls back every projection stream. It also calls back after a second
 * without events, so a missed wake-up costs at most a second. The doorbell only skips over the events; it reads
 * nothing from the database itself.
 */
@Component
public class NewEventWakeUp implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NewEventWakeUp.class);
    private static final int IDLE_CALL_BACK_SECONDS = 1;

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private Thread doorbell;
    private volatile boolean stopped;

    /** The event store as a source whose streams call back when new events arrive. */
    public StreamableMessageSource<TrackedEventMessage<?>> wakingUp(EventStore eventStore) {
        return new WakingSource(eventStore);
    }

    @Override
    public synchronized void destroy() {
        stopped = true;
        if (doorbell != null) {
            doorbell.interrupt();
        }
    }

    private synchronized void ensureListening(EventStore eventStore) {
        if (doorbell == null && !stopped) {
            doorbell = new Thread(() -> listen(eventStore), "projection-wake-up");
            doorbell.setDaemon(true);
            doorbell.start();
        }
    }

    private void listen(EventStore eventStore) {
        while (!stopped) {
            try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(eventStore.createHeadToken())) {
                while (!stopped) {
                    events.hasNextAvailable(IDLE_CALL_BACK_SECONDS, TimeUnit.SECONDS);
                    while (events.hasNextAvailable()) {
                        events.nextAvailable();
                    }
                    callbacks.forEach(Runnable::run);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                if (stopped) {
                    return;
                }
                log.warn("Watching for new events failed; projections poll every few seconds until it recovers", failure);
                callbacks.forEach(Runnable::run);
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_CALL_BACK_SECONDS));
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private final class WakingSource implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final EventStore eventStore;

        WakingSource(EventStore eventStore) {
            this.eventStore = eventStore;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            return new WakingStream(eventStore.openStream(token), eventStore);
        }

        @Override
        public TrackingToken createTailToken() {
            return eventStore.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return eventStore.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return eventStore.createTokenAt(dateTime);
        }

        @Override
        public TrackingToken createTokenSince(Duration duration) {
            return eventStore.createTokenSince(duration);
        }
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final EventStore eventStore;
        private volatile Runnable callback;

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate, EventStore eventStore) {
            this.delegate = delegate;
            this.eventStore = eventStore;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            callbacks.add(callback);
            ensureListening(eventStore);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public Stream<TrackedEventMessage<?>> asStream() {
            return delegate.asStream();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}

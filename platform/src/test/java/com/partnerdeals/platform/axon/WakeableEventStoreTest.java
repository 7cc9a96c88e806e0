package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event store's hooks: its reader reads at once when asked, and who listens hears of every commit. */
class WakeableEventStoreTest {

    /** Longer than any test waits, so that only a wake-up, never the poll, brings an event. */
    static final long POLL_MILLIS = 60_000;

    InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    WakeableEventStore eventStore;
    BlockingStream<TrackedEventMessage<?>> stream;

    /** A stream that follows the head through the store's reader (a new stream first reads the store itself). */
    @BeforeEach
    void follow() throws InterruptedException {
        eventStore = new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(storage).fetchDelay(POLL_MILLIS));
        stream = eventStore.openStream(eventStore.createHeadToken());
        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
    }

    @AfterEach
    void stop() {
        stream.close();
        eventStore.shutDown();
    }

    @Test
    void everyCommitIsReadAtOnceAndHeardOf() throws InterruptedException {
        AtomicInteger commitsHeard = new AtomicInteger();
        eventStore.onEventsCommitted(commitsHeard::incrementAndGet);

        for (String event : List.of("first", "second")) {
            eventStore.publish(GenericEventMessage.asEventMessage(event));
            assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).as("read at once, not at the next poll").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(event);
        }
        assertThat(commitsHeard).hasValue(2);
    }

    @Test
    void aCommitWhileTheStoreShutsDownStillCommits() throws InterruptedException {
        eventStore.publish(GenericEventMessage.asEventMessage("first"));
        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isTrue();
        eventStore.shutDown();

        assertThatCode(() -> eventStore.publish(GenericEventMessage.asEventMessage("second")))
                .as("the reader is gone, and the commit does not fail for it")
                .doesNotThrowAnyException();
        assertThat(storage.readEvents(null, false).count()).as("both stored").isEqualTo(2);
    }

    @Test
    void anotherProcesssEventsAreReadAtOnceWhenAsked() throws InterruptedException {
        storage.appendEvents(new GenericDomainEventMessage<>("Deal", "deal-1", 0, "stored elsewhere"));
        assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("not read before the poll").isFalse();

        eventStore.readNewEventsNow();

        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("stored elsewhere");
    }
}

package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event store's reader under load: commits within the read gap are read together at its end. */
class WakeableEventStoreTest {

    /** Longer than any test waits, so that only a commit's wake-up, never the poll, brings an event. */
    static final long POLL_MILLIS = 60_000;

    WakeableEventStore eventStore;
    BlockingStream<TrackedEventMessage<?>> stream;

    @AfterEach
    void stop() {
        stream.close();
        eventStore.shutDown();
    }

    @Test
    void aCommitWithinTheGapOfTheLastReadIsReadAtTheGapsEnd() throws InterruptedException {
        follow(Duration.ofSeconds(3));

        long published = System.nanoTime();
        eventStore.publish(GenericEventMessage.asEventMessage("first"));
        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS))
                .as("the first commit after a quiet spell is read at once")
                .isTrue();
        long firstRead = System.nanoTime();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
        assertThat(Duration.ofNanos(firstRead - published)).isLessThan(Duration.ofSeconds(2));

        eventStore.publish(GenericEventMessage.asEventMessage("second"));
        eventStore.publish(GenericEventMessage.asEventMessage("third"));
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("read at the end of the gap").isTrue();
        long secondRead = System.nanoTime();

        assertThat(Duration.ofNanos(secondRead - firstRead))
                .as("a commit right after a read waits for the rest of the gap")
                .isGreaterThan(Duration.ofMillis(2_500));
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
        // The reader hands over one event after the other; a read of its own would come a whole gap later.
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS))
                .as("the commits within the gap are read together")
                .isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("third");
    }

    @Test
    void withoutAGapEveryCommitIsReadAtOnce() throws InterruptedException {
        follow(Duration.ZERO);

        eventStore.publish(GenericEventMessage.asEventMessage("first"));
        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isTrue();
        stream.nextAvailable();
        eventStore.publish(GenericEventMessage.asEventMessage("second"));

        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).as("read at once, not at the next poll").isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
    }

    @Test
    void aCommitWithinTheGapWhileTheStoreShutsDownStillCommits() throws InterruptedException {
        follow(Duration.ofSeconds(3));
        eventStore.publish(GenericEventMessage.asEventMessage("first"));
        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS))
                .as("read, so that the next commit falls within the gap")
                .isTrue();
        eventStore.shutDown();

        assertThatCode(() -> eventStore.publish(GenericEventMessage.asEventMessage("second")))
                .as("no read can be scheduled any more, and the commit does not fail for it")
                .doesNotThrowAnyException();
    }

    /** A stream that follows the head through the store's reader (a new stream first reads the store itself). */
    private void follow(Duration readGap) throws InterruptedException {
        eventStore = new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .fetchDelay(POLL_MILLIS), new WakeableEventStore.Settings(readGap));
        stream = eventStore.openStream(eventStore.createHeadToken());
        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
    }
}

package com.partnerdeals.query.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The projections' view of the event store: streams that call back when events are there to read. */
class NewEventWakeUpTest {

    final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    final NewEventWakeUp wakeUp = new NewEventWakeUp();

    @AfterEach
    void stop() {
        wakeUp.destroy();
        eventStore.shutDown();
    }

    @Test
    void aStreamCallsBackWithTheNewEventReadyToRead() {
        StreamableMessageSource<TrackedEventMessage<?>> source = wakeUp.wakingUp(eventStore);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken());
        AtomicBoolean sawEvent = new AtomicBoolean();

        assertThat(stream.setOnAvailableCallback(() -> {
            if (!sawEvent.get()) {
                sawEvent.set(stream.hasNextAvailable());
            }
        }))
                .as("the stream supports call-backs, so the processor waits for them instead of polling")
                .isTrue();
        eventStore.publish(GenericEventMessage.asEventMessage("a deal event"));

        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (!sawEvent.get() && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        assertThat(sawEvent).as("a call-back found the event ready to read").isTrue();
        assertThat(stream.peek().map(event -> (Object) event.getPayload())).contains("a deal event");
        stream.close();
    }
}

package com.partnerdeals.query.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How far a projection is behind, as the command admission asks: a real pooled processor on an in-memory store. */
class ProjectionLagTest {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final NewEventWakeUp wakeUp = new NewEventWakeUp();
    private final AtomicInteger handled = new AtomicInteger();
    /** The projection handles its first event, then waits here before each further one. */
    private final CountDownLatch released = new CountDownLatch(1);
    private final PooledStreamingEventProcessor projection = PooledStreamingEventProcessor.builder()
            .name("deal-views")
            .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new HeldProjection()).build())
            .messageSource(wakeUp.wakingUp(eventStore))
            .tokenStore(new InMemoryTokenStore())
            .transactionManager(NoTransactionManager.INSTANCE)
            .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
            .workerExecutor(Executors.newSingleThreadScheduledExecutor())
            .initialSegmentCount(1)
            .build();
    private final ProjectionLag lag = new ProjectionLag(() -> Map.of("deal-views", projection), wakeUp);

    @AfterEach
    void stop() {
        released.countDown();
        projection.shutDown();
        wakeUp.destroy();
        eventStore.shutDown();
    }

    @Test
    void countsTheEventsStoredButNotYetProjectedUntilTheProjectionHasThem() {
        projection.start();
        publish(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1 && lag.eventsBehind() == 0);

        publish(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> lag.eventsBehind() == 3);

        released.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> lag.eventsBehind() == 0);
        assertThat(handled).hasValue(4);
    }

    @Test
    void aProjectionThatHasNotMovedForASecondHoldsNoCommandBack() {
        projection.start();
        publish(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1 && lag.eventsBehind() == 0);
        publish(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> lag.eventsBehind() == 2);

        await().between(Duration.ofMillis(900), Duration.ofSeconds(5)).until(() -> lag.eventsBehind() == 0);
    }

    @Test
    void aProjectionCatchingUpFromFarBehindHoldsNoCommandBack() {
        projection.start();
        publish(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1 && lag.eventsBehind() == 0);

        publish((int) ProjectionLag.CATCHING_UP + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeUp.head() == ProjectionLag.CATCHING_UP + 1);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> lag.eventsBehind() == 0);
    }

    @Test
    void aStoppedProjectionHoldsNoCommandBack() {
        projection.start();
        publish(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1 && lag.eventsBehind() == 0);
        publish(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> lag.eventsBehind() == 2);

        released.countDown();
        projection.shutDown();
        publish(5);

        await().atMost(Duration.ofSeconds(10)).until(() -> wakeUp.head() >= 7);
        assertThat(lag.eventsBehind()).isZero();
    }

    private void publish(int events) {
        eventStore.publish(IntStream.range(0, events)
                .mapToObj(i -> GenericEventMessage.asEventMessage("deal event"))
                .toList());
    }

    private final class HeldProjection implements EventMessageHandler {

        @Override
        public Object handle(EventMessage<?> event) throws Exception {
            if (handled.get() > 0 && !released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            handled.incrementAndGet();
            return null;
        }
    }
}

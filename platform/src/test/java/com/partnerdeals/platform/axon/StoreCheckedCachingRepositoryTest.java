package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cached aggregate is checked against the event store only when the command appends nothing to it; here "another
 * node" appends straight to the store. (The in-memory store has no unique key: that a stale append fails on it is
 * tested against H2 and PostgreSQL, in the app's CachedDealsHttpTest.)
 */
class StoreCheckedCachingRepositoryTest {

    record Open(@TargetAggregateIdentifier String id) {
    }

    /** Sets the level; the same level again is a no-op, a lower one is refused. */
    record Raise(@TargetAggregateIdentifier String id, int level) {
    }

    record Raised(String id, int level) {
    }

    static class Gauge {

        @AggregateIdentifier
        private String id;
        private int level;

        Gauge() {
        }

        @CommandHandler
        Gauge(Open command) {
            apply(new Raised(command.id(), 0));
        }

        @CommandHandler
        int handle(Raise command) {
            if (command.level() < level) {
                throw new IllegalArgumentException("lower than " + level);
            }
            if (command.level() > level) {
                apply(new Raised(id, command.level()));
            }
            return level;
        }

        @EventSourcingHandler
        void on(Raised event) {
            id = event.id();
            level = event.level();
        }
    }

    /** Counts the store checks. */
    static class CountingStorageEngine extends InMemoryEventStorageEngine {

        final AtomicInteger lastSequenceNumberReads = new AtomicInteger();

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            lastSequenceNumberReads.incrementAndGet();
            return super.lastSequenceNumberFor(aggregateIdentifier);
        }
    }

    final CountingStorageEngine storage = new CountingStorageEngine();
    final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    final Cache cache = CachedAggregates.leastRecentlyUsed(10);
    final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    final CommandGateway commands = DefaultCommandGateway.builder().commandBus(commandBus).build();

    StoreCheckedCachingRepositoryTest() {
        AggregateAnnotationCommandHandler.<Gauge>builder()
                .aggregateType(Gauge.class)
                .repository(new StoreCheckedCachingRepository<>(EventSourcingRepository.builder(Gauge.class), cache, eventStore))
                .build()
                .subscribe(commandBus);
    }

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    private void withDeferredChecks() {
        commandBus.registerHandlerInterceptor(new DeferredStoreChecks());
    }

    /** Opens the gauge and raises it to {@code level}: kept in memory at version 1. */
    private void keptInMemoryAt(int level) {
        commands.sendAndWait(new Open("g"));
        commands.sendAndWait(new Raise("g", level));
    }

    /** Another node raises the gauge to {@code level} as event {@code sequence}. */
    private void raisedByAnotherNode(long sequence, int level) {
        storage.appendEvents(new GenericDomainEventMessage<>("Gauge", "g", sequence, new Raised("g", level)));
    }

    @Test
    void aCommandThatAppendsToAnAggregateInMemoryAsksTheStoreNothing() {
        withDeferredChecks();
        keptInMemoryAt(1);
        commands.sendAndWait(new Raise("g", 2));

        assertThat(cache.containsKey("g")).isTrue();
        assertThat(storage.lastSequenceNumberReads).hasValue(0);
    }

    @Test
    void aNoOpOnAnAggregateAnotherNodeChangedIsRetriedOnWhatTheStoreHolds() {
        withDeferredChecks();
        keptInMemoryAt(1);
        raisedByAnotherNode(2, 5);

        assertThatThrownBy(() -> commands.sendAndWait(new Raise("g", 1))).isInstanceOf(ConcurrencyException.class);
        assertThat(cache.containsKey("g")).isFalse();
        assertThatThrownBy(() -> commands.sendAndWait(new Raise("g", 1)))
                .as("read from its events, the gauge is at 5").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalOnAnAggregateAnotherNodeChangedIsRetriedOnWhatTheStoreHolds() {
        withDeferredChecks();
        keptInMemoryAt(3);
        raisedByAnotherNode(2, 7);
        raisedByAnotherNode(3, 7);

        assertThatThrownBy(() -> commands.sendAndWait(new Raise("g", 2)))
                .isInstanceOf(ConcurrencyException.class)
                .hasSuppressedException(new IllegalArgumentException("lower than 3"));
        assertThat(storage.lastSequenceNumberReads).hasValue(1);
        assertThat(commands.<Integer>sendAndWait(new Raise("g", 7))).as("a no-op on the store's state").isEqualTo(7);
    }

    @Test
    void aRefusalOnAnAggregateAsTheStoreHoldsItStands() {
        withDeferredChecks();
        keptInMemoryAt(3);

        assertThatThrownBy(() -> commands.sendAndWait(new Raise("g", 2))).isInstanceOf(IllegalArgumentException.class);
        assertThat(commands.<Integer>sendAndWait(new Raise("g", 3))).isEqualTo(3);
        // The refusal's rollback dropped the gauge from memory (Axon), so the no-op after it read its events.
        assertThat(storage.lastSequenceNumberReads).as("one check, for the refusal").hasValue(1);
    }

    @Test
    void withoutTheInterceptorEveryCommandOnAnAggregateInMemoryChecksAtOnce() {
        keptInMemoryAt(1);
        raisedByAnotherNode(2, 5);

        assertThat(storage.lastSequenceNumberReads).hasValue(1);
        assertThatThrownBy(() -> commands.sendAndWait(new Raise("g", 1))).isInstanceOf(IllegalArgumentException.class);
    }
}

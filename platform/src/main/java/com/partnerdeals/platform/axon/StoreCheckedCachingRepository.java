package com.partnerdeals.platform.axon;

import java.util.Objects;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository, except that a cached aggregate counts only when the event store holds no later event of
 * it: another node (or a tool) may have appended one since. The check is one indexed query, {@code max(sequence_number)}
 * for the aggregate, in the command's transaction and under this node's lock on the aggregate, instead of reading and
 * deserializing all its events. So a command never decides from stale state, a refusal or a no-op included
 * (ARCHITECTURE.md). A command that appends needs no query: its append after the version in memory fails on the
 * store's unique key if another node appended since, and is retried (CommandDispatchConfiguration) after the failed
 * unit of work dropped the entry (Axon). Within a command handled through {@link DeferredStoreChecks}, the query
 * therefore waits until the command turns out not to append; elsewhere it runs at once.
 */
public class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    /** {@code builder} must be given the same {@code cache} and {@code eventStore}. */
    public StoreCheckedCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!cached || DeferredStoreChecks.defer(aggregateIdentifier, aggregate, eventStore, cache)) {
            return aggregate;
        }
        if (!Objects.equals(aggregate.version(), eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null))) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        return aggregate;
    }
}

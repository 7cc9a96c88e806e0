package com.partnerdeals.query.projections;

import com.partnerdeals.platform.axon.CachedAggregates;
import org.axonframework.common.caching.Cache;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The views a {@link BatchedViews} engine last committed or read, each with the sequence number of the last event of
 * its aggregate that the engine handled; the least recently used is dropped first ({@link CachedAggregates}' memory).
 * Shared by the engine's segments, each of which only touches the views of its own aggregates.
 */
public final class RememberedViews<K, V> {

    /**
     * @param size how many views of a read model are remembered; 0 remembers none (every batch reads its views)
     */
    @ConfigurationProperties("portal.projections.remembered-views")
    public record Settings(Integer size) {
        public Settings {
            size = size != null ? size : 10_000;
            if (size < 0) {
                throw new IllegalArgumentException("portal.projections.remembered-views.size must not be negative, not "
                        + size);
            }
        }
    }

    /** A view as stored, and the sequence number of the last event of its aggregate handled when it was. */
    record Remembered<V>(V view, long sequence) {
    }

    private final Cache views;

    RememberedViews(int size) {
        this.views = CachedAggregates.leastRecentlyUsed(size);
    }

    Remembered<V> get(K id) {
        return views.get(id);
    }

    void put(K id, V view, long sequence) {
        views.put(id, new Remembered<>(view, sequence));
    }

    void forget(K id) {
        views.remove(id);
    }

    void forgetAll() {
        views.removeAll();
    }
}

package com.partnerdeals.platform.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The aggregates a repository keeps in memory between commands: the least recently used is dropped first. For
 * {@link StoreCheckedCachingRepository}, which checks each one against the event store before using it (and, through
 * {@link #leastRecentlyUsed}, for what a projection remembers, which its writes check); neither registers entry
 * listeners, so none are offered.
 *
 * <p>Plain recency on purpose, not Caffeine's frequency-based admission: a deal's commands come in a burst and a
 * closed deal's hardly ever again, so under load Caffeine kept the finished deals it had seen most often and turned
 * away the new ones (363 cache hits in 22,000 commands in a benchmark run, bench/THROUGHPUT.md).
 */
public final class CachedAggregates implements Cache {

    /**
     * @param size how many aggregates of a kind are kept; 0 keeps none (each command reads its aggregate's events)
     */
    @ConfigurationProperties("portal.commands.cached-aggregates")
    public record Settings(Integer size) {
        public Settings {
            size = size != null ? size : 10_000;
            if (size < 0) {
                throw new IllegalArgumentException("portal.commands.cached-aggregates.size must not be negative, not " + size);
            }
        }
    }

    private final Map<Object, Object> entries;

    private CachedAggregates(int size) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > size;
            }
        };
    }

    public static Cache of(Settings settings) {
        return leastRecentlyUsed(settings.size());
    }

    /**
     * The same recency-ordered memory for anything else a node keeps between messages (a projection's remembered
     * views): up to {@code size} entries, none when 0.
     */
    public static Cache leastRecentlyUsed(int size) {
        return size == 0 ? NoCache.INSTANCE : new CachedAggregates(size);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public synchronized void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("Cached aggregates tell no listeners");
    }
}

package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.junit.jupiter.api.Test;

class CachedAggregatesTest {

    /** A deal used often but long ago makes room for the deals in use now: recency decides, not frequency. */
    @Test
    void dropsTheLeastRecentlyUsedAggregate() {
        Cache cache = CachedAggregates.of(new CachedAggregates.Settings(2));
        cache.put("closed-deal", "v5");
        for (int command = 0; command < 5; command++) {
            cache.get("closed-deal");
        }
        cache.put("deal-1", "v0");
        cache.put("deal-2", "v0");

        assertThat(cache.containsKey("closed-deal")).isFalse();
        assertThat(cache.<String, String>get("deal-1")).isEqualTo("v0");
        assertThat(cache.<String, String>get("deal-2")).isEqualTo("v0");
    }

    @Test
    void aReadKeepsAnAggregate() {
        Cache cache = CachedAggregates.of(new CachedAggregates.Settings(2));
        cache.put("deal-1", "v0");
        cache.put("deal-2", "v0");
        cache.get("deal-1");
        cache.put("deal-3", "v0");

        assertThat(cache.containsKey("deal-1")).isTrue();
        assertThat(cache.containsKey("deal-2")).isFalse();
    }

    @Test
    void sizeZeroKeepsNothing() {
        assertThat(CachedAggregates.of(new CachedAggregates.Settings(0))).isSameAs(NoCache.INSTANCE);
        assertThat(new CachedAggregates.Settings(null).size()).isEqualTo(10_000);
    }
}

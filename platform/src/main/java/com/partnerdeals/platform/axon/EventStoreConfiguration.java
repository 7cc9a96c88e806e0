package com.partnerdeals.platform.axon;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Axon's embedded event store, made as its auto-configuration would (with its metrics and spans), but as the
 * subclass that lets other processes' events be read as soon as PostgreSQL tells of them
 * ({@link EventStoreNotifications}). Apart from {@link AxonStorageConfiguration}, whose storage alone a tool may
 * use without an Axon configuration.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /**
     * Events the store keeps in memory for the streams that follow its head (the projections, their wake-up).
     * Axon's default of 10,000 held about ten seconds of events under full load, long enough for every one to be
     * copied from survivor space to survivor space at each young collection; a second's worth keeps the
     * projections, a few hundred milliseconds behind at most under load, on the cache (bench/THROUGHPUT.md). A
     * stream further behind reads the database itself until it has caught up.
     */
    static final int CACHED_EVENTS = 1_000;

    @Bean
    @Primary
    WakeableEventStore eventStore(EventStorageEngine storageEngine, Configuration axon) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .cachedEvents(CACHED_EVENTS)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class)));
    }
}

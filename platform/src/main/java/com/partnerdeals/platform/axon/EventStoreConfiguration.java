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

    @Bean
    @Primary
    WakeableEventStore eventStore(EventStorageEngine storageEngine, Configuration axon) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class)));
    }
}

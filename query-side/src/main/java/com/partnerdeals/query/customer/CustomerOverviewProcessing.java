package com.partnerdeals.query.customer;

import java.time.Clock;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The customer overview is kept by its own pooled streaming processor: it streams from the event store and
 * stores its token in the same transaction as its tables, and can be replayed from the first event (its
 * reset handler empties the tables). Events of one aggregate stay in order; a deal's events and its
 * account's events may be handled in either order, which the tables allow for.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableScheduling
public class CustomerOverviewProcessing {

    public static final String NAME = "customer-overview";

    @Bean
    ConfigurerModule customerOverviewProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerPooledStreamingEventProcessor(
                NAME, Configuration::eventStore, (config, builder) -> builder
                        // A replay commits 100 events a transaction; live events are handled as they come.
                        .batchSize(100)
                        // Claims and back-off follow real time, not the service clock that tests move.
                        .clock(Clock.systemUTC())));
    }
}

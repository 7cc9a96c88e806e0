package com.partnerdeals.command;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's lookup tables (partner directory, deal domain claims, customer accounts) follow the
 * events in a subscribing processor: same thread, same transaction as the event append. A failure there
 * (a unique constraint hit by a race) must roll the command back, so errors propagate instead of being
 * logged and skipped, which is Axon's default.
 */
@Configuration(proxyBeanMethods = false)
public class CommandLookups {

    public static final String PROCESSING_GROUP = "command-lookups";

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}

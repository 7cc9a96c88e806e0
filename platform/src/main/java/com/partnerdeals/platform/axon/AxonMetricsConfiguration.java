package com.partnerdeals.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message monitors as Micrometer meters in Spring Boot's registry (so in {@code /actuator/prometheus}),
 * tagged by message type: command rates, outcomes and latency per command; for each projection, events handled,
 * failures, latency and how far behind it is. Wired here because Axon's own metrics auto-configuration orders
 * itself after a Spring Boot 3 class that Boot 4 renamed, and would bring a registry of its own
 * ({@code axon.metrics.auto-configuration.enabled=false}).
 *
 * <p>Only Axon's timers ({@code <component>_allTimer}, {@code _successTimer}, {@code _failureTimer},
 * {@code _ignoredTimer}, whose counts are the message counts; kept by {@code MessageTypeTimers}, without
 * percentiles) and each projection's latency, not the whole set that {@code GlobalMetricRegistry} registers: its
 * counters repeat the timers' counts, and its capacity gauges keep an entry for every message handled in the last
 * ten minutes in sorted maps. Together those two were about 6 % of the service's CPU under load and a third of its
 * live heap (bench/THROUGHPUT.md).
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

    private static final String EVENT_PROCESSORS = "eventProcessor";

    @Bean
    ConfigurerModule axonMetrics(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(axon -> (componentType, componentName) -> {
            @SuppressWarnings("unchecked") // as Axon's own registry does: each component passes only its messages
            MessageMonitor<Message<?>> monitor =
                    (MessageMonitor<Message<?>>) monitor(registry, componentType, componentName);
            return monitor;
        });
    }

    /** The monitor of one of Axon's components; the meters' names and tags are those Axon's defaults give. */
    private static MessageMonitor<? extends Message<?>> monitor(MeterRegistry registry, Class<?> componentType,
                                                                String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new MultiMessageMonitor<EventMessage<?>>(
                    new MessageTypeTimers(EVENT_PROCESSORS, registry, Tags.of(TagsUtil.PROCESSOR_NAME_TAG, componentName)),
                    EventProcessorLatencyMonitor.builder()
                            .meterNamePrefix(EVENT_PROCESSORS)
                            .meterRegistry(registry)
                            .tagsBuilder(message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, componentName))
                            .build());
        }
        if (Stream.of(CommandBus.class, EventBus.class, QueryBus.class, QueryUpdateEmitter.class)
                .anyMatch(bus -> bus.isAssignableFrom(componentType))) {
            return new MessageTypeTimers(componentName, registry, Tags.empty());
        }
        return NoOpMessageMonitor.instance();
    }
}

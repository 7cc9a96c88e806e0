package com.partnerdeals.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message monitors as Micrometer meters in Spring Boot's registry (so in {@code /actuator/prometheus}),
 * tagged by message type: command rates, outcomes and latency per command; for each projection, events handled,
 * failures, latency and how far behind it is. Wired here because Axon's own metrics auto-configuration orders
 * itself after a Spring Boot 3 class that Boot 4 renamed, and would bring a registry of its own
 * ({@code axon.metrics.auto-configuration.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

    @Bean
    ConfigurerModule axonMetrics(MeterRegistry registry) {
        return configurer -> new GlobalMetricRegistry(registry).registerWithConfigurerWithDefaultTags(configurer);
    }
}

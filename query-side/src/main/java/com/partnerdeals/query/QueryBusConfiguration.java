package com.partnerdeals.query;

import org.axonframework.config.Configuration;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.context.annotation.Bean;

/**
 * The query bus as Axon's Spring Boot configuration builds it, but without a transaction around each query. The
 * read models are read at PostgreSQL's (and H2's) default isolation, read committed, where every statement sees
 * the data committed when it starts, in a transaction or not; so the transaction gave a query nothing, and cost
 * it a commit round trip and the connection's switch out of auto-commit and back (about a tenth of the service's
 * CPU for {@code GET /api/partners/{id}}, bench/THROUGHPUT.md). No query handler writes; the few writes near the
 * read models that must be atomic ({@code TabCounts}' recount) open their own transaction.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class QueryBusConfiguration {

    @Bean
    QueryBus queryBus(Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }
}

package com.partnerdeals.command;

import com.partnerdeals.command.customer.Trial;
import com.partnerdeals.command.deal.Deal;
import com.partnerdeals.command.partner.Partner;
import com.partnerdeals.command.personal.ContactErasure;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Aggregates are made with their no-argument constructor before their events are applied, not as Spring prototype
 * beans. Axon's Spring integration otherwise asks the application context for a new bean at every load of an
 * aggregate (bean creation, autowiring, every bean post-processor): 2.9 % of the service's CPU under load
 * (bench/THROUGHPUT.md), for aggregates that take nothing from Spring (a handler gets the beans it needs as
 * parameters). Axon uses a bean named {@code <aggregate>AggregateFactory} where there is one; a new aggregate needs
 * its own here ({@code AxonInfrastructureTest} says which is missing).
 */
@Configuration(proxyBeanMethods = false)
public class AggregateFactories {

    @Bean
    AggregateFactory<Deal> dealAggregateFactory(ParameterResolverFactory parameters, HandlerDefinition handlers) {
        return byConstructor(Deal.class, parameters, handlers);
    }

    @Bean
    AggregateFactory<Trial> trialAggregateFactory(ParameterResolverFactory parameters, HandlerDefinition handlers) {
        return byConstructor(Trial.class, parameters, handlers);
    }

    @Bean
    AggregateFactory<Partner> partnerAggregateFactory(ParameterResolverFactory parameters, HandlerDefinition handlers) {
        return byConstructor(Partner.class, parameters, handlers);
    }

    @Bean
    AggregateFactory<ContactErasure> contactErasureAggregateFactory(ParameterResolverFactory parameters,
                                                                    HandlerDefinition handlers) {
        return byConstructor(ContactErasure.class, parameters, handlers);
    }

    /** The model is inspected as Axon inspects it for the repository: handler parameters resolved from Spring. */
    private static <A> AggregateFactory<A> byConstructor(Class<A> type, ParameterResolverFactory parameters,
                                                         HandlerDefinition handlers) {
        return new GenericAggregateFactory<>(
                AnnotatedAggregateMetaModelFactory.inspectAggregate(type, parameters, handlers));
    }
}

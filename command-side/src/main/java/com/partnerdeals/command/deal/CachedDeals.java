package com.partnerdeals.command.deal;

import com.partnerdeals.platform.axon.CachedAggregates;
import com.partnerdeals.platform.axon.StoreCheckedCachingRepository;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Deals stay in memory between their commands, so a command reads one number from the event store (the deal's last
 * sequence number, to see that no other node changed it meanwhile) instead of all the deal's events: a deal's
 * commands tend to come together, and loading it was about a tenth of the service's CPU per command
 * (bench/THROUGHPUT.md). The other aggregates are loaded from their events at every command.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class CachedDeals {

    /** The cache itself, by name: tests look into it. */
    public static final String CACHE = "dealCache";

    @Bean(CACHE)
    Cache dealCache(CachedAggregates.Settings settings) {
        return CachedAggregates.of(settings);
    }

    /** As Axon's configuration would build it, with the deal made by its constructor (AggregateFactories). */
    @Bean
    Repository<Deal> dealRepository(@Qualifier(CACHE) Cache cache, EventStore eventStore,
                                    AggregateFactory<Deal> dealAggregateFactory, ParameterResolverFactory parameters,
                                    HandlerDefinition handlers, RepositorySpanFactory spans,
                                    ObjectProvider<Configuration> axon) {
        return storeChecked(cache, eventStore, dealAggregateFactory, parameters, handlers, spans, axon);
    }

    /** A deal repository over {@code cache}; tests build a second one to stand for another command node. */
    public static Repository<Deal> storeChecked(Cache cache, EventStore eventStore, AggregateFactory<Deal> factory,
                                                ParameterResolverFactory parameters, HandlerDefinition handlers,
                                                RepositorySpanFactory spans, ObjectProvider<Configuration> axon) {
        RepositoryProvider repositories = new RepositoryProvider() {
            @Override
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return axon.getObject().repository(aggregateType);
            }
        };
        return new StoreCheckedCachingRepository<>(EventSourcingRepository.builder(Deal.class)
                .aggregateModel(AnnotatedAggregateMetaModelFactory.inspectAggregate(Deal.class, parameters, handlers))
                .aggregateFactory(factory)
                .repositoryProvider(repositories)
                .spanFactory(spans), cache, eventStore);
    }
}

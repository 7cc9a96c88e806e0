package com.partnerdeals.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.platform.personal.PersonalDataSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Pins the Axon infrastructure: persistent JDBC event store and token store, Spring-managed transactions,
 * JSON serialisation. Axon's auto-configuration would silently fall back to in-memory or no-op parts.
 */
@ServiceTest
class AxonInfrastructureTest {

    @Autowired TokenStore tokenStore;
    @Autowired EventStorageEngine eventStorageEngine;
    @Autowired TransactionManager transactionManager;
    @Autowired Serializer serializer;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;
    @Autowired @Qualifier("messageSerializer") Serializer messageSerializer;
    @Autowired CommandGateway commandGateway;
    @Autowired QueryBus queryBus;
    @Autowired QueryGateway queryGateway;
    @Autowired Configuration axon;

    @Test
    void storesEventsAndTokensInTheDatabaseInsideSpringTransactions() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(eventStorageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    /** JSON throughout; events and snapshots through the personal-data layer, which encrypts marked fields (SPEC 11). */
    @Test
    void serialisesEverythingAsJson() {
        assertThat(serializer).isInstanceOf(PersonalDataSerializer.class);
        assertThat(eventSerializer).isInstanceOf(PersonalDataSerializer.class);
        assertThat(messageSerializer).isInstanceOf(JacksonSerializer.class);
        DealStageChanged moved = new DealStageChanged("deal-1", DealStage.NEW, DealStage.TRIAL);
        assertThat(eventSerializer.serialize(moved, String.class).getData())
                .isEqualTo("{\"dealId\":\"deal-1\",\"from\":\"NEW\",\"to\":\"TRIAL\"}");
    }

    /** A query reads at read committed without a transaction around it (QueryBusConfiguration). */
    @Test
    void queriesRunWithoutATransaction() {
        Registration probe = queryBus.subscribe("transaction-probe", Boolean.class,
                query -> TransactionSynchronizationManager.isActualTransactionActive());
        try {
            assertThat(queryGateway.query("transaction-probe", "any", Boolean.class).join()).isFalse();
        } finally {
            probe.cancel();
        }
    }

    /** Aggregates are made by their constructor, not as Spring prototype beans at every load (AggregateFactories). */
    @Test
    void makesEveryAggregateByItsConstructor() {
        assertThat(axon.findModules(AggregateConfiguration.class))
                .isNotEmpty()
                .allSatisfy(aggregate -> assertThat(aggregate.aggregateFactory())
                        .as(aggregate.aggregateType().getSimpleName())
                        .isInstanceOf(GenericAggregateFactory.class));
    }
}

package com.partnerdeals.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

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

    @Test
    void storesEventsAndTokensInTheDatabaseInsideSpringTransactions() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(eventStorageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void serialisesEverythingAsJson() {
        assertThat(serializer).isInstanceOf(JacksonSerializer.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
        assertThat(messageSerializer).isInstanceOf(JacksonSerializer.class);
    }
}

package com.partnerdeals.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.partnerdeals.platform.personal.PersonalDataCipher;
import com.partnerdeals.platform.personal.PersonalDataSerializer;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's storage, wired explicitly: the event store, snapshots and tracking tokens live in the service's
 * own database (tables owned by Flyway), inside Spring's transactions, serialised as JSON.
 *
 * <p>Why not Axon's auto-configuration: Axon 4.13 orders itself after Spring Boot 3 class names that
 * moved in Boot 4, so on Boot 4 it can silently fall back to a no-op transaction manager and in-memory
 * stores. {@code AxonInfrastructureTest} pins what is wired here.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    /**
     * SQLState of a unique-key violation on both H2 and PostgreSQL. A duplicate (aggregate, sequence)
     * key means another node changed the same aggregate first; Axon reports it as a ConcurrencyException.
     */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final int EVENTS_PER_QUERY = 500;

    /** The event store's tables and columns (Flyway's V1), for Axon and for whatever else reads the store. */
    public static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /** Jackson 2 for Axon (Spring MVC uses Jackson 3); events and commands are records. */
    static ObjectMapper axonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Tokens, snapshots: wrapped for personal data too, so that no snapshot can ever hold it in clear. */
    @Bean
    @Primary
    Serializer serializer(PersonalDataCipher personalData) {
        return new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(axonObjectMapper()).build(), personalData);
    }

    /** Events in the store and in dead letters: personal data encrypted (SPEC 11). */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(PersonalDataCipher personalData) {
        return new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(axonObjectMapper()).build(), personalData);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer snapshotSerializer,
                                          ObjectProvider<EventUpcaster> upcasters,
                                          EventReadSettings reading) {
        return new ReadSavingEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .dataType(byte[].class)
                // Events per query when the projections stream the store, and when an aggregate is loaded.
                .batchSize(EVENTS_PER_QUERY)
                // An aggregate's events are all read once a query answers fewer than it asked for; by default Axon
                // asks again until a query answers none, one more query in every command's transaction.
                .finalAggregateBatchPredicate(batch -> batch.size() < EVENTS_PER_QUERY)
                .readEventDataWithGaps(ReadSavingEventStorageEngine::readEventDataWithGaps)
                .schema(EVENT_SCHEMA), reading.readGap());
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .contentType(byte[].class)
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("time_stamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }
}

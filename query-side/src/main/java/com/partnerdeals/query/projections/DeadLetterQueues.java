package com.partnerdeals.query.projections;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A projection's dead-letter queue, in the service's database (table {@code dead_letter_entry}). An event a
 * projection fails on is parked with the later events of the same aggregate, and the projection goes on
 * with everything else; {@link Projections#retryDeadLetters} tries them again.
 */
@Component
public class DeadLetterQueues {

    private static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;
    private final Serializer serializer;
    private final Serializer eventSerializer;

    public DeadLetterQueues(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                            Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
    }

    public SequencedDeadLetterQueue<EventMessage<?>> forProjection(String processingGroup) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(SCHEMA)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }
}

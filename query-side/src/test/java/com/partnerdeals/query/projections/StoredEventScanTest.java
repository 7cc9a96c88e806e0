package com.partnerdeals.query.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.query.ReadModelDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A rebuild's reading of the event store: everything in order, and late commits below the last event read. */
class StoredEventScanTest {

    record Noted(String text) {
    }

    ReadModelDatabase database;
    StoredEventScan scan;

    @BeforeEach
    void setUp() {
        database = ReadModelDatabase.migrated();
        scan = new StoredEventScan(new JdbcTemplate(database.dataSource()), database.transactions(),
                JacksonSerializer.defaultSerializer(), NoOpEventUpcaster.INSTANCE);
    }

    @Test
    void readsEveryEventInOrderAsTheAggregatesStoredThem() {
        store(1, "deal-1", 0, "registered");
        store(2, "deal-2", 0, "registered too");
        store(3, "deal-1", 1, "noted");

        List<TrackedEventMessage<?>> read = new ArrayList<>();
        StoredEventScan.Position end = scan.scan(StoredEventScan.Position.START, Long.MAX_VALUE, read::add);

        assertThat(read).extracting(event -> ((Noted) event.getPayload()).text())
                .containsExactly("registered", "registered too", "noted");
        assertThat(read).extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly("deal-1", "deal-2", "deal-1");
        assertThat(read).extracting(event -> event.trackingToken().position().orElseThrow()).containsExactly(1L, 2L, 3L);
        assertThat(end.last()).isEqualTo(3);
        assertThat(end.gaps()).isEmpty();
    }

    @Test
    void stopsAtTheGivenIndex() {
        store(1, "deal-1", 0, "registered");
        store(2, "deal-1", 1, "noted");

        List<TrackedEventMessage<?>> read = new ArrayList<>();
        StoredEventScan.Position end = scan.scan(StoredEventScan.Position.START, 1, read::add);

        assertThat(read).hasSize(1);
        assertThat(end.last()).isEqualTo(1);
    }

    /**
     * An index below the last one read may belong to a transaction still committing: the next scan reads it, and
     * the token handed to the processor keeps it as a gap until then.
     */
    @Test
    void aMissingIndexIsReadByTheNextScanOnceItsEventIsThere() {
        store(1, "deal-1", 0, "registered");
        store(3, "deal-2", 0, "registered too");

        StoredEventScan.Position first = scan.scan(StoredEventScan.Position.START, Long.MAX_VALUE, event -> { });
        assertThat(first.last()).isEqualTo(3);
        assertThat(first.gaps()).containsExactly(2L);
        assertThat(first.token().getGaps()).containsExactly(2L);

        store(2, "deal-3", 0, "committed late");
        store(4, "deal-1", 1, "noted");
        List<String> read = new ArrayList<>();
        StoredEventScan.Position second = scan.scan(first, Long.MAX_VALUE,
                event -> read.add(((Noted) event.getPayload()).text()));

        assertThat(read).containsExactly("committed late", "noted");
        assertThat(second.last()).isEqualTo(4);
        assertThat(second.gaps()).isEmpty();
    }

    private void store(long globalIndex, String aggregateId, long sequence, String text) {
        database.jdbc().sql("""
                        INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                            type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, ?, ?, 'Deal', '2026-11-30T12:00:00Z', ?, NULL, ?, ?)""")
                .params(globalIndex, aggregateId + "-" + sequence, aggregateId, sequence, Noted.class.getName(),
                        ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }
}

package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.platform.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage engine on the service's event table, with batches of two events: on H2 and, with {@code
 * -Dtest.database=postgres}, on a schema of the local PostgreSQL (the statements it writes itself run on both).
 */
class ReadSavingEventStorageEngineTest {

    /** The reader's read gap where a test is about it: longer than anything else a test waits for. */
    static final Duration READ_GAP = Duration.ofSeconds(3);

    DataSource database;
    ReadSavingEventStorageEngine engine;
    int transactionsBegun;

    @BeforeEach
    void storeThreeEvents() {
        database = PostgresSchema.orInMemory("storage_engine");
        engine = newEngine();
        storeEvents(0, 3);
        transactionsBegun = 0;
    }

    private void storeEvents(int firstSequence, int count) {
        engine.appendEvents(IntStream.range(firstSequence, firstSequence + count)
                .mapToObj(sequence -> new GenericDomainEventMessage<>("Deal", "deal-1", sequence, "event " + sequence))
                .toList());
    }

    /** One query: at most a batch's width of positions after the token, here the first event only. */
    @Test
    void theEventStoresReaderGetsOneQuerysEventsPerReadAndItsNextReadsTheRest() {
        List<TrackedEventMessage<?>> first = read(null, true);
        assertThat(payloads(first)).containsExactly("event 0");

        List<Object> all = new ArrayList<>(payloads(first));
        TrackingToken last = first.get(first.size() - 1).trackingToken();
        for (List<TrackedEventMessage<?>> next = read(last, true); !next.isEmpty(); next = read(last, true)) {
            all.addAll(payloads(next));
            last = next.get(next.size() - 1).trackingToken();
        }
        assertThat(all).containsExactly("event 0", "event 1", "event 2");
    }

    @Test
    void theReadersReadSoonerThanTheGapAfterItsLastReadWaitsForTheRestAndFindsWhatWasCommittedMeanwhile() {
        engine = newEngine(READ_GAP);
        TrackingToken head = engine.createHeadToken();
        long first = System.nanoTime();
        assertThat(read(head, true)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - first))
                .as("the first read after a quiet spell is at once")
                .isLessThan(Duration.ofSeconds(2));
        storeEvents(3, 2);

        long second = System.nanoTime();
        List<TrackedEventMessage<?>> read = read(head, true);
        assertThat(Duration.ofNanos(System.nanoTime() - second))
                .as("the read right after another waits for the rest of the gap")
                .isGreaterThan(Duration.ofMillis(1_500));
        assertThat(payloads(read)).as("and finds the events committed meanwhile").containsExactly("event 3", "event 4");
    }

    @Test
    void aProcessorsOwnStreamNeverWaitsForTheReadersGap() {
        engine = newEngine(READ_GAP);
        read(null, true);

        long started = System.nanoTime();
        assertThat(payloads(read(null, false))).hasSize(3);
        assertThat(payloads(read(null, false))).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aProcessorsOwnStreamReadsOnToTheEnd() {
        assertThat(payloads(read(null, false))).containsExactly("event 0", "event 1", "event 2");
    }

    @Test
    void theEventStoresReaderReadsOutsideATransactionAProcessorsOwnStreamInOne() {
        read(null, true);
        read(null, true);
        assertThat(transactionsBegun).isZero();

        read(null, false);
        assertThat(transactionsBegun).isPositive();
    }

    @Test
    void aSnapshotTheEngineStoresIsReadBack() {
        engine.readSnapshot("deal-1");
        engine.storeSnapshot(snapshotOfDeal1());

        assertThat(engine.readSnapshot("deal-1")).map(snapshot -> (Object) snapshot.getPayload()).contains("state after event 2");
    }

    @Test
    void snapshotsStoredBeforeTheEngineFirstLooksAreRead() {
        newEngine().storeSnapshot(snapshotOfDeal1());

        assertThat(engine.readSnapshot("deal-1")).map(snapshot -> (Object) snapshot.getPayload()).contains("state after event 2");
    }

    /** What makes the lookup unnecessary for aggregates without snapshots: it is not made. */
    @Test
    void anAggregateWithoutASnapshotWhenTheEngineFirstLookedIsNotLookedUpAgain() {
        assertThat(engine.readSnapshot("deal-1")).isEmpty();
        newEngine().storeSnapshot(snapshotOfDeal1());

        assertThat(engine.readSnapshot("deal-1")).as("loaded from its events, as correctly").isEmpty();
        assertThat(engine.readEvents("deal-1").asStream().map(event -> (Object) event.getPayload()))
                .containsExactly("event 0", "event 1", "event 2");
    }

    /** A token that has read events 0 and 1 but not yet seen event 0 committed (a gap) reads it with event 2. */
    @Test
    void aTokenWithAGapReadsTheGapAndTheEventsAfterIt() {
        List<TrackedEventMessage<?>> all = read(null, false);
        long event0 = index(all.get(0)), event1 = index(all.get(1));
        GapAwareTrackingToken withGap = GapAwareTrackingToken.newInstance(event1, Set.of(event0));

        assertThat(payloads(read(withGap, true))).containsExactly("event 0", "event 2");
    }

    /**
     * Why the gaps have a query of their own: H2 walks the whole primary key for Axon's {@code range OR IN (gaps)},
     * and looks up each part of the union in it.
     */
    @Test
    void theRangeAndTheGapsAreEachLookedUpInThePrimaryKey() throws SQLException {
        Assumptions.assumeFalse(PostgresSchema.POSTGRES, "H2's plans; PostgreSQL combines two index scans for Axon's query as well");
        String axons = plan("SELECT " + AxonStorageConfiguration.EVENT_SCHEMA.trackedEventFields() + " FROM domain_event_entry "
                + "WHERE (global_index > ? AND global_index <= ?) OR global_index IN (?,?) ORDER BY global_index ASC");
        String ours = plan(ReadSavingEventStorageEngine.eventsAfterAndAtGaps(AxonStorageConfiguration.EVENT_SCHEMA, 2));

        assertThat(axons).doesNotContain(": global_index");
        assertThat(ours).contains(": global_index > ?1", ": global_index IN(?3, ?4)");
    }

    private String plan(String query) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN " + query)) {
            for (int parameter = 1; parameter <= 4; parameter++) {
                explain.setLong(parameter, parameter);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    private static long index(TrackedEventMessage<?> event) {
        return ((GapAwareTrackingToken) event.trackingToken()).getIndex();
    }

    private ReadSavingEventStorageEngine newEngine() {
        return newEngine(Duration.ZERO);
    }

    private ReadSavingEventStorageEngine newEngine(Duration readGap) {
        JacksonSerializer json = JacksonSerializer.defaultSerializer();
        return new ReadSavingEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(database::getConnection)
                .transactionManager(() -> {
                    transactionsBegun++;
                    return NoTransactionManager.INSTANCE.startTransaction();
                })
                .eventSerializer(json)
                .snapshotSerializer(json)
                .dataType(byte[].class)
                .batchSize(2)
                .readEventDataWithGaps(ReadSavingEventStorageEngine::readEventDataWithGaps)
                .schema(AxonStorageConfiguration.EVENT_SCHEMA), readGap);
    }

    private static DomainEventMessage<String> snapshotOfDeal1() {
        return new GenericDomainEventMessage<>("Deal", "deal-1", 2, "state after event 2");
    }

    private List<TrackedEventMessage<?>> read(TrackingToken after, boolean asTheReader) {
        return engine.readEvents(after, asTheReader).<TrackedEventMessage<?>>map(event -> event).toList();
    }

    private static List<Object> payloads(List<TrackedEventMessage<?>> events) {
        return events.stream().map(event -> (Object) event.getPayload()).toList();
    }
}

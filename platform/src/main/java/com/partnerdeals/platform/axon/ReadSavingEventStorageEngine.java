package com.partnerdeals.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, without reads that find nothing or next to nothing.
 *
 * <p><b>The reader's reads at most once per read gap</b> ({@link EventReadSettings#readGap}). Axon's event store
 * reads the store for new events after every commit of its process, and, once woken, reads on while its reads find
 * events. Under load that was 1.4 queries per command, each finding about the one event of that command, and the
 * projections then committed a batch per event or two (bench/THROUGHPUT.md). A read that comes sooner than the gap
 * after the reader's last read waits for the rest of the gap, and finds every event committed meanwhile. A read after
 * a quiet spell (a commit, a notification from another process, the poll) is at once. The wait is on the reader's own
 * thread; a commit only signals it, as in Axon.
 *
 * <p><b>One query's events per call when the embedded event store's reader follows the store's tail.</b> Axon reads
 * such a stream on until a query answers no event, and the reader, having found events, reads once more before it
 * waits: three reads per wake-up after a commit, two of them empty, each empty one a transaction of two queries (the
 * events, then Axon's check for a gap wider than a batch). The reader's own next read finds whatever one query left (a
 * query covers the next batch-size positions of the global index, so events beyond them, and events committed
 * meanwhile), so one query per call loses nothing and saves a transaction per wake-up. Streams that are not the
 * reader's ({@code mayBlock} false: a processor catching up on its own) read as Axon does.
 *
 * <p><b>The reader's reads outside a transaction.</b> Axon reads a stream in a transaction of its own; the reader's
 * read is one or two queries (the events, and when there are none, the check for a wide gap) that need no common
 * snapshot (both databases give each statement its own at read committed anyway), so in a transaction they only
 * added Spring's transaction handling and a {@code COMMIT} round trip to each of the reader's reads, about one per
 * command.
 *
 * <p><b>No snapshot lookup for an aggregate that has none.</b> Axon looks for a snapshot before every aggregate load,
 * one query in every command's transaction, though only trials are ever snapshotted. The engine knows which
 * aggregates have a snapshot: those in the snapshot table when it first looks, and those it stores afterwards. A
 * snapshot only shortens a load (every event stays in the store), so an aggregate snapshotted meanwhile by another
 * process is loaded from its events here, as correctly, until this engine stores a snapshot of it too or restarts.
 *
 * <p><b>Gaps read by their own index lookup</b> ({@link #readEventDataWithGaps}). While a stream's token remembers
 * positions that were not yet committed (gaps), Axon reads {@code (global_index > ? AND global_index <= ?) OR
 * global_index IN (gaps)}; H2 plans that {@code OR} as a walk through the whole primary key, so on H2 the event
 * store's reader read the entire event table whenever a gap was open, and under load the read models fell seconds
 * behind (bench/THROUGHPUT.md). As a {@code UNION ALL} of the range and the gaps, both databases look up each part in
 * the primary key.
 */
class ReadSavingEventStorageEngine extends JdbcEventStorageEngine {

    private volatile Set<String> snapshotted;
    private final ReaderWithoutTransactions reader;
    private final long readGapNanos;
    /** When the reader's last read began; only the reader's thread reads and writes it. */
    private long readerLastRead;

    ReadSavingEventStorageEngine(Builder builder, Duration readGap) {
        super(builder);
        this.reader = new ReaderWithoutTransactions(builder);
        this.readGapNanos = readGap.toNanos();
        this.readerLastRead = System.nanoTime() - readGapNanos;
    }

    /** The same storage without transactions of its own, for the reader's reads. */
    private static final class ReaderWithoutTransactions extends JdbcEventStorageEngine {

        /** Takes the builder after the engine has read it, and changes only its transaction manager. */
        ReaderWithoutTransactions(Builder builder) {
            super(builder.transactionManager(NoTransactionManager.INSTANCE));
        }

        List<? extends TrackedEventData<?>> read(TrackingToken after, int batchSize) {
            return fetchTrackedEvents(after, batchSize);
        }
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        waitForTheRestOfTheReadGap();
        return reader.read(trackingToken, batchSize()).stream();
    }

    private void waitForTheRestOfTheReadGap() {
        long until = readerLastRead + readGapNanos;
        for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
            LockSupport.parkNanos(this, wait);
            if (Thread.currentThread().isInterrupted()) {
                break; // parkNanos returns at once while the flag is set: read now rather than spin
            }
        }
        readerLastRead = System.nanoTime();
    }

    /**
     * The events after {@code globalIndex} (a batch's width of positions) and those at the gaps, in store order. The
     * gaps all lie at or below {@code globalIndex}, so the two parts never overlap.
     */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(eventsAfterAndAtGaps(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    static String eventsAfterAndAtGaps(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return select + index + " > ? AND " + index + " <= ?"
                + " UNION ALL " + select + index + " IN (" + String.join(",", Collections.nCopies(gaps, "?")) + ")"
                + " ORDER BY " + index + " ASC";
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return snapshotted().contains(aggregateIdentifier) ? super.readSnapshotData(aggregateIdentifier) : Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        // Known before it is stored: should the store fail, a lookup that finds nothing costs only the query.
        snapshotted().add(snapshot.getAggregateIdentifier());
        super.storeSnapshot(snapshot, serializer);
    }

    private Set<String> snapshotted() {
        Set<String> known = snapshotted;
        if (known == null) {
            synchronized (this) {
                if (snapshotted == null) {
                    snapshotted = readSnapshottedAggregates();
                }
                known = snapshotted;
            }
        }
        return known;
    }

    private Set<String> readSnapshottedAggregates() {
        Set<String> aggregates = ConcurrentHashMap.newKeySet();
        String query = "SELECT DISTINCT " + schema().aggregateIdentifierColumn() + " FROM " + schema().snapshotTable();
        try (Connection connection = getConnection();
             PreparedStatement statement = connection.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                aggregates.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read which aggregates have snapshots", e);
        }
        return aggregates;
    }
}

package com.partnerdeals.query.projections;

import com.partnerdeals.platform.axon.AxonStorageConfiguration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the event store in order of its global index with one streaming query, upcast and deserialised as Axon
 * would hand the events to a processor. Axon's own stream asks the store once per 500 events and is made for
 * following the head; a rebuild wants everything, once, as fast as the database sends it.
 *
 * <p>Like Axon's gap-aware tokens, a scan remembers the indexes it found missing below the last event read
 * (a transaction still in flight may yet commit them), and the next scan reads them too.
 */
final class StoredEventScan {

    /** Missing indexes further back than this are never filled (as Axon's default for its gap-aware tokens). */
    static final long MAX_GAP_OFFSET = 10_000;
    private static final int FETCH_SIZE = 2_000;
    private static final int DESERIALIZE_CHUNK = 1_000;
    private static final EventSchema SCHEMA = AxonStorageConfiguration.EVENT_SCHEMA;

    /** How far a scan got: the last index read and the indexes missing below it. */
    record Position(long last, SortedSet<Long> gaps) {

        /** Before the first event: the store numbers its events from 1, as Axon's tokens assume. */
        static final Position START = new Position(0, Collections.emptySortedSet());

        GapAwareTrackingToken token() {
            return GapAwareTrackingToken.newInstance(last, gaps);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    StoredEventScan(JdbcTemplate jdbc, PlatformTransactionManager transactions, Serializer serializer,
                    EventUpcaster upcasters) {
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        // PostgreSQL streams a result only with a fetch size, inside a transaction.
        streaming.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(streaming);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    long head() {
        Long head = jdbc.getJdbcTemplate().queryForObject("SELECT MAX(" + SCHEMA.globalIndexColumn() + ") FROM "
                + SCHEMA.domainEventTable(), Long.class);
        return head != null ? head : -1;
    }

    /**
     * Hands {@code event} every stored event after {@code from} (and those of its gaps that are now there), up to
     * index {@code upTo}, in index order; answers how far it got.
     */
    Position scan(Position from, long upTo, Consumer<TrackedEventMessage<?>> event) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("after", from.last()).addValue("upTo", upTo);
        String index = SCHEMA.globalIndexColumn();
        String gapsRead = "";
        if (!from.gaps().isEmpty()) {
            gapsRead = " OR " + index + " IN (:gaps)";
            params.addValue("gaps", from.gaps());
        }
        String sql = "SELECT " + SCHEMA.trackedEventFields() + " FROM " + SCHEMA.domainEventTable()
                + " WHERE (" + index + " > :after AND " + index + " <= :upTo)" + gapsRead + " ORDER BY " + index;
        Reading reading = new Reading(from, event);
        try {
            readOnly.executeWithoutResult(transaction -> jdbc.query(sql, params, rs -> {
                GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(rs.getString(SCHEMA.typeColumn()),
                        rs.getString(SCHEMA.aggregateIdentifierColumn()), rs.getLong(SCHEMA.sequenceNumberColumn()),
                        rs.getString(SCHEMA.eventIdentifierColumn()), rs.getString(SCHEMA.timestampColumn()),
                        rs.getString(SCHEMA.payloadTypeColumn()), rs.getString(SCHEMA.payloadRevisionColumn()),
                        rs.getBytes(SCHEMA.payloadColumn()), rs.getBytes(SCHEMA.metaDataColumn()));
                reading.add(rs.getLong(index), entry);
            }));
            reading.finish();
        } finally {
            reading.handing.shutdownNow();
        }
        return new Position(reading.last, reading.gaps);
    }

    /** One scan's state: its position so far, and the chunk of rows being read while the one before is handed over. */
    private final class Reading {

        private final Consumer<TrackedEventMessage<?>> event;
        private final TreeSet<Long> gaps;
        private long last;
        private List<TrackedDomainEventData<byte[]>> chunk = new ArrayList<>(DESERIALIZE_CHUNK);
        private final ExecutorService handing = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "event-scan"));
        private Future<?> handed = CompletableFuture.completedFuture(null);

        Reading(Position from, Consumer<TrackedEventMessage<?>> event) {
            this.event = event;
            this.gaps = new TreeSet<>(from.gaps());
            this.last = from.last();
        }

        void add(long index, GenericDomainEventEntry<byte[]> entry) {
            if (!gaps.remove(index)) {
                for (long missing = Math.max(last + 1, index - MAX_GAP_OFFSET); missing < index; missing++) {
                    gaps.add(missing);
                }
                last = index;
                // A long run of missing indexes (rolled back appends) is only remembered near the end.
                while (!gaps.isEmpty() && gaps.first() < last - MAX_GAP_OFFSET) {
                    gaps.pollFirst();
                }
            }
            chunk.add(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(index), entry));
            if (chunk.size() == DESERIALIZE_CHUNK) {
                handOver();
            }
        }

        void finish() {
            handOver();
            await(handed);
        }

        /**
         * One thread reads the next chunk of rows while another deserialises the chunk before and hands its events
         * over, in order.
         */
        private void handOver() {
            await(handed);
            List<TrackedDomainEventData<byte[]>> rows = chunk;
            chunk = new ArrayList<>(DESERIALIZE_CHUNK);
            handed = handing.submit(() -> EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)
                    .forEach(event));
        }
    }

    private static void await(Future<?> handing) {
        try {
            handing.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while handing over events", interrupted);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Handing over events failed", failed.getCause());
        }
    }

}

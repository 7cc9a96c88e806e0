package com.partnerdeals.platform.axon;

import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, reading one query's events per call when the embedded event store's reader follows the
 * store's tail. Axon reads such a stream on until a query answers no event, and the reader, having found events, reads
 * once more before it waits: three reads per wake-up after a commit, two of them empty, each empty one a transaction of
 * two queries (the events, then Axon's check for a gap wider than a batch). The reader's own next read finds whatever
 * one query left (a query covers the next batch-size positions of the global index, so events beyond them, and events
 * committed meanwhile), so one query per call loses nothing and saves a transaction per wake-up. Streams that are not
 * the reader's ({@code mayBlock} false: a processor catching up on its own) read as Axon does.
 */
class TailingEventStorageEngine extends JdbcEventStorageEngine {

    TailingEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return mayBlock
                ? fetchTrackedEvents(trackingToken, batchSize()).stream()
                : super.readEventData(trackingToken, false);
    }
}

package com.partnerdeals.bench.throughput;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The load generator's own collections, from this JVM's collector beans. A pause of this JVM stops the visibility
 * probe as well as the clients, so it adds to the delays the probe measures without the service taking any part.
 */
final class LoadGeneratorGc {

    private LoadGeneratorGc() {
    }

    record Reading(long collections, long millis) {

        Reading since(Reading earlier) {
            return new Reading(collections - earlier.collections, millis - earlier.millis);
        }

        @Override
        public String toString() {
            return collections == 0 ? "none"
                    : String.format("%d, %d ms in all", collections, millis);
        }
    }

    /** Collections so far and the time they took (G1: young, mixed and full collections, all of them pauses). */
    static Reading read() {
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new Reading(collections, millis);
    }
}

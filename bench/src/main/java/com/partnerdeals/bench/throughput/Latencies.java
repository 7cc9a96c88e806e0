package com.partnerdeals.bench.throughput;

import java.util.Arrays;
import java.util.Collection;

/** Recorded durations in nanoseconds; one instance per thread while recording, merged for the figures. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    void record(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    int count() {
        return count;
    }

    static Latencies merged(Collection<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.record(part.nanos[i]);
            }
        }
        return all;
    }

    /** Median, 99th percentile and maximum in milliseconds (nearest rank). */
    Summary summary() {
        if (count == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Summary(count, millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                millis(sorted[count - 1]));
    }

    private static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    record Summary(int count, double medianMillis, double p99Millis, double maxMillis) {

        @Override
        public String toString() {
            return String.format("n=%7d  median %7.2f ms  p99 %8.2f ms  max %8.2f ms", count, medianMillis, p99Millis,
                    maxMillis);
        }
    }
}

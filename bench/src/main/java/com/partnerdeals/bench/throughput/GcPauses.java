package com.partnerdeals.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service's stop-the-world pauses, read from the GC log the benchmark has the service's JVM write. A pause
 * stops every request in flight at once, so it shows in the latency percentiles above the median, the visibility
 * delays' among them: each phase prints the pauses that ended in it.
 */
final class GcPauses {

    /** "[1764680000123ms] ... Pause Young (Normal) (G1 Evacuation Pause) 642M->58M(1024M) 64.687ms" */
    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ms].*\\bPause\\b.*?\\s(\\d+(?:\\.\\d+)?)ms$");

    private final Path log;

    private GcPauses(Path log) {
        this.log = log;
    }

    /** The GC log beside a service's own log: {@code service-postgres.log} gets {@code service-postgres.gc.log}. */
    static GcPauses beside(Path serviceLog) {
        return new GcPauses(serviceLog.resolveSibling(serviceLog.getFileName().toString().replaceFirst("\\.log$", "")
                + ".gc.log"));
    }

    /**
     * The JVM options that write the log: the pause lines of G1 and Parallel ({@code gc}) and of ZGC and Shenandoah
     * ({@code gc+phases}), each stamped with the wall clock in milliseconds.
     */
    List<String> jvmOptions() {
        return List.of("-Xlog:gc,gc+phases:file=" + log + ":timemillis");
    }

    record Summary(int count, double medianMillis, double maxMillis, double totalMillis, long spanMillis) {

        @Override
        public String toString() {
            if (count == 0) {
                return "GC pauses meanwhile: none";
            }
            return String.format("GC pauses meanwhile: %d, median %.1f ms, max %.1f ms, %.1f %% of the time", count,
                    medianMillis, maxMillis, 100 * totalMillis / Math.max(1, spanMillis));
        }
    }

    /** The pauses that ended from {@code fromMillis} (since the epoch) until now. */
    Summary since(long fromMillis) {
        long toMillis = System.currentTimeMillis();
        List<Double> pauses = new ArrayList<>();
        try (Stream<String> lines = Files.exists(log) ? Files.lines(log) : Stream.empty()) {
            lines.map(PAUSE::matcher).filter(Matcher::matches)
                    .filter(pause -> Long.parseLong(pause.group(1)) >= fromMillis)
                    .forEach(pause -> pauses.add(Double.parseDouble(pause.group(2))));
        } catch (IOException unreadable) {
            pauses.clear();
        }
        pauses.sort(null);
        double total = pauses.stream().mapToDouble(Double::doubleValue).sum();
        return pauses.isEmpty()
                ? new Summary(0, 0, 0, 0, toMillis - fromMillis)
                : new Summary(pauses.size(), median(pauses), pauses.get(pauses.size() - 1), total, toMillis - fromMillis);
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}

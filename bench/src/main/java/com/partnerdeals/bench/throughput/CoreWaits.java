package com.partnerdeals.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How long the threads of each party waited for a core while they were runnable, per millisecond they ran on one,
 * over one phase of a run: from the scheduler's statistics of every thread ({@code /proc/PID/task/TID/schedstat}: time
 * on a core and time waiting on a run queue, in nanoseconds; Linux). A profiled run found that a read's tail under
 * load is this wait, in the service and in PostgreSQL's backend that answers it (bench/THROUGHPUT.md, "What the slow
 * reads wait for"); every phase prints it now. Threads are told apart by id, so a thread that starts or ends during
 * the phase counts for the part of it that it lived (a thread that ended before the phase's end drops out).
 */
final class CoreWaits {

    /** A name, and the processes that are that party now (PostgreSQL's backends can change between readings). */
    record Party(String name, Supplier<List<Long>> processes) {

        static Party process(String name, long pid) {
            return new Party(name, () -> List.of(pid));
        }
    }

    /** Nanoseconds on a core and waiting for one, per thread id. */
    private record Times(long onCore, long waiting) {
    }

    private final List<Party> parties;
    private final Map<String, Map<Long, Times>> before;
    private final long startedNanos = System.nanoTime();

    private CoreWaits(List<Party> parties) {
        this.parties = List.copyOf(parties);
        this.before = read(this.parties);
    }

    static CoreWaits startingNow(List<Party> parties) {
        return new CoreWaits(parties);
    }

    /**
     * E.g. "runnable but waiting for a core, per ms on one: service 4.2 ms (on a core 619 ms/s), database 2.6 ms (on a
     * core 376 ms/s)".
     */
    String since() {
        double phaseSeconds = (System.nanoTime() - startedNanos) / 1e9;
        Map<String, Map<Long, Times>> after = read(parties);
        return "runnable but waiting for a core, per ms on one: " + parties.stream().map(Party::name).map(party -> {
            long onCore = 0;
            long waiting = 0;
            Map<Long, Times> earlier = before.get(party);
            for (Map.Entry<Long, Times> thread : after.get(party).entrySet()) {
                Times then = earlier.getOrDefault(thread.getKey(), new Times(0, 0));
                onCore += thread.getValue().onCore() - then.onCore();
                waiting += thread.getValue().waiting() - then.waiting();
            }
            return onCore == 0 ? party + " (not readable)"
                    : String.format("%s %.1f ms (on a core %.0f ms/s)", party, (double) waiting / onCore,
                            onCore / 1e6 / phaseSeconds);
        }).collect(Collectors.joining(", "));
    }

    private static Map<String, Map<Long, Times>> read(List<Party> parties) {
        Map<String, Map<Long, Times>> reading = new HashMap<>();
        for (Party party : parties) {
            Map<Long, Times> threads = new HashMap<>();
            party.processes().get().forEach(pid -> threads.putAll(threadsOf(pid)));
            reading.put(party.name(), threads);
        }
        return reading;
    }

    private static Map<Long, Times> threadsOf(long pid) {
        Map<Long, Times> threads = new HashMap<>();
        for (Path thread : CpuMeter.threads(pid)) {
            try {
                String[] fields = Files.readString(thread.resolve("schedstat")).trim().split(" ");
                threads.put(Long.parseLong(thread.getFileName().toString()),
                        new Times(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
            } catch (IOException | RuntimeException ended) {
                // the thread ended while the list was read
            }
        }
        return threads;
    }
}

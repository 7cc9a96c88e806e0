package com.partnerdeals.bench.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Closed-loop clients sending the command mix: each client sends its next command when the previous one has
 * answered. With a target rate, each client also waits for its next slot (clients / rate apart), so the load
 * is moderate instead of as much as the service takes. No new command starts after the duration; commands
 * in flight then still complete and count, and the rate is over the time until the last one answered.
 */
final class CommandLoad {

    record Result(int clients, Duration elapsed, long commands, Map<Integer, Long> failuresByStatus,
                  Map<CommandKind, Latencies.Summary> byKind, Latencies.Summary overall) {

        double commandsPerSecond() {
            return commands / (elapsed.toNanos() / 1e9);
        }

        long failures() {
            return failuresByStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private CommandLoad() {
    }

    /** {@code targetPerSecond} 0 means as fast as the service answers. */
    static Result run(CommandMix mix, int clients, Duration duration, double targetPerSecond) {
        List<Map<CommandKind, Latencies>> recorded = new ArrayList<>();
        Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();
        AtomicLong firstFailureLogged = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long slotNanos = targetPerSecond > 0 ? (long) (clients * 1e9 / targetPerSecond) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Map<CommandKind, Latencies> latencies = new EnumMap<>(CommandKind.class);
            for (CommandKind kind : CommandKind.values()) {
                latencies.put(kind, new Latencies());
            }
            recorded.add(latencies);
            // Clients start spread over one slot so that paced clients do not all send at the same instant.
            long firstSlot = start + (slotNanos * client) / clients;
            Thread thread = new Thread(() -> {
                long[] nextSlot = {firstSlot};
                CommandMix.Observer observer = (kind, dealId, begin, end, reply) -> {
                    if (reply.ok()) {
                        latencies.get(kind).record(end - begin);
                    } else {
                        failures.computeIfAbsent(reply.status(), s -> new AtomicLong()).incrementAndGet();
                        if (firstFailureLogged.getAndIncrement() < 3) {
                            System.out.println("    refused " + kind + ": " + reply.status() + " " + reply.body());
                        }
                    }
                };
                while (System.nanoTime() < deadline) {
                    mix.runOneDeal(() -> {
                        if (slotNanos > 0) {
                            long wait = nextSlot[0] - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            nextSlot[0] = Math.max(nextSlot[0] + slotNanos, System.nanoTime());
                        }
                        return System.nanoTime() < deadline;
                    }, observer);
                }
            }, "client-" + client);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<CommandKind, Latencies.Summary> byKind = new EnumMap<>(CommandKind.class);
        List<Latencies> everything = new ArrayList<>();
        for (CommandKind kind : CommandKind.values()) {
            List<Latencies> ofKind = recorded.stream().map(perClient -> perClient.get(kind)).toList();
            byKind.put(kind, Latencies.merged(ofKind).summary());
            everything.addAll(ofKind);
        }
        Latencies all = Latencies.merged(everything);
        Map<Integer, Long> failuresByStatus = new TreeMap<>();
        failures.forEach((status, count) -> failuresByStatus.put(status, count.get()));
        return new Result(clients, elapsed, all.count(), failuresByStatus, byKind, all.summary());
    }
}

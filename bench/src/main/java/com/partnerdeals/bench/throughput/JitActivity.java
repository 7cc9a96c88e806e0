package com.partnerdeals.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How much of the service's CPU its JIT compiler threads use, read from /proc (Linux): a compiler thread's
 * {@code comm} is "C1 CompilerThre…" or "C2 CompilerThre…". On a slow machine the JIT was still compiling minutes into
 * the command load (a profile put 12 % of the service's CPU in its compiler threads at 90–150 s), so a measured run
 * after a fixed warm-up measured the JIT's progress as much as the build: the warm-up goes on until the JIT settles.
 * (Micrometer's {@code jvm.compilation.time} does not tell: it counts the compiler's elapsed time, and on a saturated
 * machine a compiler thread with work queued is "compiling" all the time, running or not.) HotSpot stops compiler
 * threads it no longer needs, and their CPU time leaves the sum; so the share is a lower bound.
 */
final class JitActivity {

    /** Settled: the compiler threads used less than this share of the service's CPU over a slice. */
    static final double SETTLED = 0.02;
    static final Duration SLICE = Duration.ofSeconds(10);

    /** CPU seconds: the whole service, and its compiler threads now running. */
    record Reading(double service, double compiler) {

        /** The compiler threads' share of the service's CPU since {@code earlier}. */
        double compilerShareSince(Reading earlier) {
            double service = this.service - earlier.service;
            return service <= 0 ? 0 : Math.max(0, compiler - earlier.compiler) / service;
        }
    }

    private final long servicePid;

    JitActivity(long servicePid) {
        this.servicePid = servicePid;
    }

    Reading read() {
        Path process = Path.of("/proc", Long.toString(servicePid));
        double compiler = 0;
        for (Path thread : CpuMeter.threads(servicePid)) {
            if (isCompiler(thread)) {
                compiler += CpuMeter.seconds(thread.resolve("stat"));
            }
        }
        return new Reading(CpuMeter.seconds(process.resolve("stat")), compiler);
    }

    private static boolean isCompiler(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
        } catch (IOException ended) {
            return false;
        }
    }

    /**
     * Runs the command load in slices of {@link #SLICE} until the compiler threads used less than {@link #SETTLED} of
     * the service's CPU in a slice, or {@code atMost} has passed, printing each slice.
     */
    void settle(CommandMix mix, int clients, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Reading before = read();
        while (true) {
            CommandLoad.Result slice = CommandLoad.run(mix, clients, SLICE, 0);
            Reading after = read();
            double share = after.compilerShareSince(before);
            before = after;
            System.out.printf("  +%d s: %.0f commands/s; %s%n", SLICE.toSeconds(), slice.commandsPerSecond(), describe(share));
            if (share < SETTLED || System.nanoTime() - deadline > 0) {
                return;
            }
        }
    }

    static String describe(double share) {
        return String.format("the JIT used %.1f %% of the service's CPU (settled below %.0f %%)", 100 * share,
                100 * SETTLED);
    }
}

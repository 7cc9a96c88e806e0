package com.partnerdeals.bench.throughput;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The delay from a command's response to its effect in the read model, as one client sees it: the probe
 * runs deal lifecycles of its own, one command at a time, and after each answered command polls
 * {@code GET /api/deals/{id}} until the view's {@code version} has reached the version the command answered.
 *
 * <p>Between commands the probe thinks for a random 0 to {@value #MAX_THINK_MILLIS} ms, so that its commands do
 * not fall into step with a periodic activity of the service (a sequential client would otherwise always
 * send right after the projection's last run, and see the same delay every time).
 *
 * <p>The delay runs from the moment the command's response was received to the moment the response of the
 * first GET that showed the new version was received. So it is an upper bound: it includes that GET's own
 * round trip and up to one pause between polls (1 ms, so that one probe does not keep a core busy).
 */
final class VisibilityProbe {

    private static final long PAUSE_BETWEEN_POLLS_MILLIS = 1;
    private static final int MAX_THINK_MILLIS = 100;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    record Result(Latencies.Summary delay, Latencies.Summary visibleGetRoundTrip, double pollsPerSample,
                  long notVisibleWithin30s, long refusedCommands) {
    }

    private final CommandMix mix;
    private final ServiceApi reads;
    private final String readToken;

    /**
     * Sends its commands as {@code mix} does and reads the deal views from {@code reads}, with {@code readToken}, each
     * through an HTTP client of its own, as a dashboard would be: on the load's client its responses would queue
     * behind the load's in that client's one selector thread, a delay of the load generator's, not the service's.
     */
    VisibilityProbe(CommandMix mix, ServiceApi reads, String readToken) {
        this.mix = mix.through(mix.api().withClientOfItsOwn());
        this.reads = reads.withClientOfItsOwn();
        this.readToken = readToken;
    }

    /** Takes {@code samples} samples. */
    Result run(int samples) {
        Latencies delays = new Latencies();
        return run(delays, () -> delays.count() < samples);
    }

    /** Samples while {@code keepSampling} says so (asked before each command). */
    Result run(BooleanSupplier keepSampling) {
        return run(new Latencies(), keepSampling);
    }

    private Result run(Latencies delays, BooleanSupplier keepSampling) {
        Latencies getRoundTrips = new Latencies();
        long[] polls = {0};
        long[] timedOut = {0};
        long[] refused = {0};
        CommandMix.Observer observer = (kind, dealId, start, answered, reply) -> {
            if (!reply.ok()) {
                refused[0]++;
                return;
            }
            long version = reply.version();
            while (true) {
                long getStart = System.nanoTime();
                ServiceApi.Reply view = reads.get("/api/deals/" + dealId, readToken);
                long getEnd = System.nanoTime();
                polls[0]++;
                if (view.status() == 200 && view.version() >= version) {
                    delays.record(getEnd - answered);
                    getRoundTrips.record(getEnd - getStart);
                    return;
                }
                if (getEnd - answered > GIVE_UP_NANOS) {
                    timedOut[0]++;
                    return;
                }
                Pause.millis(PAUSE_BETWEEN_POLLS_MILLIS);
            }
        };
        BooleanSupplier thinkThenGoOn = () -> {
            Pause.millis(ThreadLocalRandom.current().nextInt(MAX_THINK_MILLIS));
            return keepSampling.getAsBoolean();
        };
        while (keepSampling.getAsBoolean()) {
            mix.runOneDeal(thinkThenGoOn, observer);
        }
        return new Result(delays.summary(), getRoundTrips.summary(),
                delays.count() == 0 ? 0 : (double) polls[0] / delays.count(), timedOut[0], refused[0]);
    }
}

package com.partnerdeals.platform.axon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes "new events are stored" on to one receiver, on a thread of its own and at most once per gap: the first
 * signal after a quiet spell at once, the signals that come within the gap together at its end. Under load a
 * signal per commit becomes one per gap, and the receiver handles the events of the whole gap at once: the other
 * processes told by {@code NOTIFY} ({@link EventStoreNotifications}).
 */
final class NewEventSignal implements AutoCloseable {

    private final long gapNanos;
    private final Runnable receiver;
    private final ScheduledExecutorService passer;
    /** A pass-on is scheduled and has not started: it will come after, and cover, any signal given meanwhile. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastPassedOn;

    NewEventSignal(String threadName, Duration gap, Runnable receiver) {
        this.gapNanos = gap.toNanos();
        this.receiver = receiver;
        this.passer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.lastPassedOn = System.nanoTime() - gapNanos;
    }

    /** Passes the signal on now if the gap since the last pass-on is over, else once at the gap's end. */
    void signal() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastPassedOn + gapNanos - System.nanoTime();
        try {
            passer.schedule(this::passOn, Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // A signal while this closes (a commit during shutdown): nothing receives it any more.
        }
    }

    private void passOn() {
        pending.set(false);
        lastPassedOn = System.nanoTime();
        receiver.run();
    }

    @Override
    public void close() {
        passer.shutdownNow();
    }
}

package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How notifications to other processes are paced: the first at once, those within the gap together at its end. */
class NewEventSignalTest {

    /** Longer than anything else a test waits for. */
    static final Duration GAP = Duration.ofSeconds(3);

    final BlockingQueue<Long> passedOn = new LinkedBlockingQueue<>();
    final NewEventSignal signal = new NewEventSignal("test-signal", GAP, () -> passedOn.add(System.nanoTime()));

    @AfterEach
    void close() {
        signal.close();
    }

    @Test
    void theFirstSignalPassesOnAtOnceAndTheSignalsWithinTheGapTogetherAtItsEnd() throws InterruptedException {
        long signalled = System.nanoTime();
        signal.signal();
        Long first = passedOn.poll(2, TimeUnit.SECONDS);
        assertThat(first).as("the first signal after a quiet spell passes on at once").isNotNull();

        signal.signal();
        signal.signal();
        Long second = passedOn.poll(10, TimeUnit.SECONDS);

        assertThat(second).isNotNull();
        assertThat(Duration.ofNanos(second - first)).as("at the gap's end").isGreaterThan(Duration.ofMillis(2_500));
        assertThat(passedOn.poll(1, TimeUnit.SECONDS)).as("once for both signals").isNull();
        assertThat(Duration.ofNanos(first - signalled)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSignalAfterCloseGoesNowhereAndDoesNotFail() throws InterruptedException {
        signal.signal();
        assertThat(passedOn.poll(2, TimeUnit.SECONDS)).isNotNull();
        signal.close();

        assertThatCode(signal::signal).as("a commit while the process shuts down still commits").doesNotThrowAnyException();
    }
}

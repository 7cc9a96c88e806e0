package com.partnerdeals.platform.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of commands (requests under {@code /api} that change something) run at once; the others
 * wait their turn in arrival order. Reads are never held back.
 *
 * <p>Why: once the cores are busy, more commands at once do not finish more commands per second; they take CPU (and
 * connections) from the reads and from the projections, which then make each command visible later
 * (bench/THROUGHPUT.md measures it). A command that waits longer than {@code admission-wait} answers
 * {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After} and changes nothing, as when the database is out of
 * reach (SPEC 9).
 *
 * <p>Once its turn has come, a command also waits, briefly, while the read models this process keeps are more than
 * {@code max-read-model-lag} events behind the event store ({@link ReadModelLag}). Why: under full load the
 * projections get their share of the cores only as one thread among the commands' many, so a command became visible
 * hundreds of milliseconds after its answer; holding new commands back while the projections catch up gives them
 * the cores first. The wait ends after {@code read-model-wait} at the latest: a command is never refused for it.
 *
 * <p>Runs after authentication (a plain filter orders after Spring Security's chain), so an unauthenticated request
 * is refused without waiting.
 */
@Component
public class CommandAdmission extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    static final String RETRY_AFTER_SECONDS = "1";

    /**
     * @param maxInFlight   how many commands run at once; by default four per available processor, which kept the
     *                      commands/s of unlimited admission on 2 cores with a local database (two per processor did
     *                      not); keep it below the connection pool's size, so that projections and reads find one
     * @param admissionWait how long a command waits for its turn before it answers 503
     * @param maxReadModelLag how many events the read models may be behind before a command waits for them; the
     *                        default of 64 bounded full-load visibility on 2 cores without costing commands/s,
     *                        where 8 cost 45 % of them (bench/THROUGHPUT.md)
     * @param readModelWait   how long a command waits at most for the read models, after its turn came
     */
    @ConfigurationProperties("portal.commands")
    public record Settings(Integer maxInFlight, Duration admissionWait, Integer maxReadModelLag,
                           Duration readModelWait) {
        public Settings {
            maxInFlight = maxInFlight != null ? maxInFlight : 4 * Runtime.getRuntime().availableProcessors();
            admissionWait = admissionWait != null ? admissionWait : Duration.ofSeconds(3);
            maxReadModelLag = maxReadModelLag != null ? maxReadModelLag : 64;
            readModelWait = readModelWait != null ? readModelWait : Duration.ofMillis(100);
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("portal.commands.max-in-flight must be at least 1, not " + maxInFlight);
            }
            if (maxReadModelLag < 0) {
                throw new IllegalArgumentException(
                        "portal.commands.max-read-model-lag must not be negative, not " + maxReadModelLag);
            }
        }
    }

    /** How often a command held for the read models looks again: about a batch's commit on a busy machine. */
    private static final long READ_MODEL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ProblemResponses problems;
    private final Semaphore turns;
    private final long waitNanos;
    private final ReadModelLag readModelLag;
    private final long maxReadModelLag;
    private final long readModelWaitNanos;
    private final Timer readModelWaits;

    @Autowired
    public CommandAdmission(ProblemResponses problems, Settings settings, MeterRegistry meters,
                            ObjectProvider<ReadModelLag> readModelLag) {
        this(problems, settings, meters, readModelLag.getIfAvailable(() -> ReadModelLag.NONE));
    }

    CommandAdmission(ProblemResponses problems, Settings settings, MeterRegistry meters, ReadModelLag readModelLag) {
        this.problems = problems;
        this.turns = new Semaphore(settings.maxInFlight(), true);
        this.waitNanos = settings.admissionWait().toNanos();
        this.readModelLag = readModelLag;
        this.maxReadModelLag = settings.maxReadModelLag();
        this.readModelWaitNanos = settings.readModelWait().toNanos();
        this.readModelWaits = Timer.builder("portal.commands.read-model-wait")
                .description("Time commands were held, after their turn came, for the read models to catch up")
                .register(meters);
        int maxInFlight = settings.maxInFlight();
        Gauge.builder("portal.commands.running", turns, running -> maxInFlight - running.availablePermits())
                .description("Commands running now (at most portal.commands.max-in-flight)")
                .register(meters);
        Gauge.builder("portal.commands.waiting", turns, Semaphore::getQueueLength)
                .description("Commands waiting for their turn: above zero, the service is saturated with changes")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!awaitTurn()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "The service is busy with other changes; retry after the Retry-After seconds.");
            return;
        }
        try {
            awaitReadModels();
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }

    private void awaitReadModels() {
        if (readModelLag.eventsBehind() <= maxReadModelLag) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + readModelWaitNanos;
        do {
            LockSupport.parkNanos(READ_MODEL_POLL_NANOS);
        } while (readModelLag.eventsBehind() > maxReadModelLag && System.nanoTime() - deadline < 0
                && !Thread.currentThread().isInterrupted());
        readModelWaits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private boolean awaitTurn() {
        try {
            return turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

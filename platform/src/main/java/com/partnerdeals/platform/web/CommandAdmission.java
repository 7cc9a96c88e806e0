package com.partnerdeals.platform.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
     */
    @ConfigurationProperties("portal.commands")
    public record Settings(Integer maxInFlight, Duration admissionWait) {
        public Settings {
            maxInFlight = maxInFlight != null ? maxInFlight : 4 * Runtime.getRuntime().availableProcessors();
            admissionWait = admissionWait != null ? admissionWait : Duration.ofSeconds(3);
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("portal.commands.max-in-flight must be at least 1, not " + maxInFlight);
            }
        }
    }

    private final ProblemResponses problems;
    private final Semaphore turns;
    private final long waitNanos;
    private final Counter refused;

    public CommandAdmission(ProblemResponses problems, Settings settings, MeterRegistry meters) {
        this.problems = problems;
        this.turns = new Semaphore(settings.maxInFlight(), true);
        this.waitNanos = settings.admissionWait().toNanos();
        int maxInFlight = settings.maxInFlight();
        Gauge.builder("portal.commands.running", turns, running -> maxInFlight - running.availablePermits())
                .description("Commands running now (at most portal.commands.max-in-flight)")
                .register(meters);
        Gauge.builder("portal.commands.waiting", turns, Semaphore::getQueueLength)
                .description("Commands waiting for their turn: above zero, the service is saturated with changes")
                .register(meters);
        this.refused = Counter.builder("portal.commands.refused")
                .description("Commands answered 503 because their turn did not come within portal.commands.admission-wait")
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
            refused.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "The service is busy with other changes; retry after the Retry-After seconds.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
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

package com.partnerdeals.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class CommandAdmissionTest {

    private final ProblemResponses problems = new ProblemResponses(JsonMapper.builder().build());
    private final SimpleMeterRegistry admissionMeters = new SimpleMeterRegistry();
    private final CommandAdmission admission = new CommandAdmission(problems,
            new CommandAdmission.Settings(1, Duration.ofMillis(200)), admissionMeters);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();
    /**
     * A thread per request, as the container gives. Not CompletableFuture's default executor: on two cores under
     * JDK 25 it ran one task at a time, so the second request queued behind the first, held one.
     */
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aCommandWaitsForItsTurnAndIsRefusedWith503WhenTheWaitRunsOut() throws Exception {
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> send("POST", "/api/deals", true), clients);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse second = send("POST", "/api/deals/d-1/notes", false);

        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo(CommandAdmission.RETRY_AFTER_SECONDS);
        assertThat(second.getContentType()).isEqualTo("application/problem+json");
        assertThat(second.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        assertThat(handled).as("the refused command never reached a controller: it changed nothing").hasValue(1);
        assertThat(admissionMeters.get("portal.commands.refused").counter().count()).isEqualTo(1);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(send("PUT", "/api/deals/d-1/stage", false).getStatus()).as("the turn was given back").isEqualTo(200);
    }

    @Test
    void readsAreNeverHeldBack() throws Exception {
        CompletableFuture<MockHttpServletResponse> command = CompletableFuture.supplyAsync(() -> send("POST", "/api/deals", true), clients);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(send("GET", "/api/deals/d-1", false).getStatus()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health", false).getStatus()).isEqualTo(200);
        release.countDown();
        assertThat(command.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void theMetricsShowCommandsRunningAndWaiting() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CommandAdmission patient = new CommandAdmission(problems, new CommandAdmission.Settings(1, Duration.ofSeconds(30)), meters);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> send(patient, "POST", "/api/deals", true), clients);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> send(patient, "POST", "/api/deals", false), clients);
        await().atMost(Duration.ofSeconds(2)).until(() -> gauge(meters, "portal.commands.waiting") == 1);

        assertThat(gauge(meters, "portal.commands.running")).isEqualTo(1);
        release.countDown();
        assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(gauge(meters, "portal.commands.running")).isZero();
        assertThat(gauge(meters, "portal.commands.waiting")).isZero();
    }

    private static double gauge(SimpleMeterRegistry meters, String name) {
        return meters.get(name).gauge().value();
    }

    /** One request through the filter; a held request stays in its handler until the test releases it. */
    private MockHttpServletResponse send(String method, String uri, boolean held) {
        return send(admission, method, uri, held);
    }

    private MockHttpServletResponse send(CommandAdmission filter, String method, String uri, boolean held) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse res) {
                    handled.incrementAndGet();
                    if (held) {
                        entered.countDown();
                        try {
                            release.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    res.setStatus(200);
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }
}

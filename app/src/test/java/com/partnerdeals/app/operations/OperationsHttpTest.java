package com.partnerdeals.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What operators watch: Prometheus metrics with Axon's command and projection meters (for vendor staff only),
 * health with the database and the read models, build and git info, and one request id from the caller's header
 * through the log to the events in the store.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsHttpTest {

    @LocalServerPort int port;
    @Autowired EventStore eventStore;

    PartnerProgram program;
    Api api;
    String partner;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        partner = program.newPartner();
    }

    @Test
    void prometheusShowsCommandAndProjectionMetricsToOperatorsOnly() {
        program.newAcceptedDeal(partner);
        await().untilAsserted(() -> {
            Api.Response metrics = api.get("/actuator/prometheus", program.tokens.manager(), "Accept", "text/plain");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("commandBus_successTimer_seconds_count{payloadType=\"RegisterDeal\"}")
                    .contains("eventProcessor_allTimer_seconds_count{payloadType=\"DealRegistered\",processorName=\"deal-views\"}")
                    .contains("eventProcessor_latency")
                    .contains("portal_commands_running", "portal_commands_waiting", "portal_commands_refused_total")
                    .contains("http_server_requests_seconds_count");
            // Left out for what they cost per message or request (AxonMetricsConfiguration, partner-deals.yml):
            // Axon's capacity gauges and counters, its timers' percentiles, and a long-task timer beside each HTTP
            // request's timer.
            assertThat(metrics.body()).doesNotContain("commandBus_capacity", "eventProcessor_capacity",
                    "commandBus_successCounter", "eventProcessor_ingestedCounter", "http_server_requests_active",
                    "commandBus_allTimer_seconds{payloadType=\"RegisterDeal\",quantile=");
        });
        assertThat(api.get("/actuator/prometheus", program.tokens.partner(partner)).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    }

    @Test
    void healthShowsTheDatabaseAndTheReadModelsToOperatorsAndOnlyAStatusToOthers() {
        Api.Response detailed = api.get("/actuator/health", program.tokens.manager());
        assertThat(detailed.status()).isEqualTo(200);
        assertThat(detailed.at("/components/db/status")).isEqualTo("UP");
        assertThat(detailed.at("/components/projections/status")).isEqualTo("UP");
        assertThat(detailed.json().at("/components/projections/details/deal-views").has("lag")).isTrue();

        Api.Response anonymous = api.get("/actuator/health", null);
        assertThat(anonymous.at("/status")).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void infoNamesTheServiceItsBuildAndItsCommit() {
        Api.Response info = api.get("/actuator/info", null);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.at("/service/name")).isEqualTo("Partner Deal Registration");
        assertThat(info.at("/build/artifact")).isEqualTo("app");
        assertThat(info.at("/java/version")).isNotBlank();
    }

    @Test
    void theCallersRequestIdIsAnsweredLoggedAndStoredWithTheEvents(CapturedOutput output) {
        String dealId = program.newDeal(partner);
        String requestId = "req-" + UUID.randomUUID();
        Api.Response note = api.post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner),
                Map.of("text", "Traced"), "X-Request-Id", requestId);
        assertThat(note.status()).isEqualTo(201);
        assertThat(note.header("X-Request-Id")).isEqualTo(requestId);
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(dealId).asStream().toList();
        assertThat(events.get(events.size() - 1).getMetaData().get("requestId")).isEqualTo(requestId);

        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Response refused = api.post("/api/deals/" + UUID.randomUUID() + "/stage", program.tokens.partner(partner),
                Map.of("stage", "TRIAL"), "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.header("X-Request-Id")).isEqualTo(traceId);
        assertThat(output.getAll().lines().filter(line -> line.contains(traceId) && line.contains("Refused"))).hasSize(1);

        Api.Response unsafe = api.get("/api/deals", program.tokens.partner(partner), "X-Request-Id", "<script>");
        assertThat(unsafe.header("X-Request-Id")).as("an unusable id is replaced").matches("[0-9a-f-]{36}");
    }
}

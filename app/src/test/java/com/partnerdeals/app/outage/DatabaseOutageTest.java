package com.partnerdeals.app.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.SecondService;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.PostgresAvailable;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * SPEC 9, for real against PostgreSQL: the service reaches the database through a TCP proxy that the test cuts
 * and restores (the shared server itself is never stopped). While the database is out of reach, requests answer
 * 503 with Retry-After within a few seconds and readiness is DOWN; once it is back, the service serves again
 * without a restart.
 */
class DatabaseOutageTest {

    private static final int POSTGRES_PORT = 5432;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void requestsAnswer503PromptlyReadinessGoesDownAndTheServiceRecoversByItself() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("test.database")), "runs in the PostgreSQL pass");
        PostgresAvailable.assumeDatabase();
        String schema = "outage_" + UUID.randomUUID().toString().substring(0, 8);
        try (TcpProxy proxy = new TcpProxy(POSTGRES_PORT); SecondService service = start(proxy.port(), schema)) {
            PartnerProgram program = new PartnerProgram(service.port());
            Api api = program.api;
            String partner = program.newPartner();
            String dealId = program.newDeal(partner);
            String partnerToken = program.tokens.partner(partner);

            proxy.cut();
            long started = System.nanoTime();
            Api.Response note = api.post("/api/deals/" + dealId + "/notes", partnerToken, Map.of("text", "During the outage"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(note.status()).as(note.toString()).isEqualTo(503);
            assertThat(note.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(note.header("Retry-After")).isNotBlank();
            assertThat(waited).as("time to the answer").isLessThan(Duration.ofSeconds(10));
            Api.Response read = api.get("/api/deals/" + dealId, partnerToken);
            assertThat(read.status()).as(read.toString()).isEqualTo(503);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Api.Response readiness = api.get("/actuator/health/readiness", null);
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.at("/status")).isEqualTo("DOWN");
            });

            proxy.restore();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/actuator/health/readiness", null).status() == 200);
            Api.Response after = api.post("/api/deals/" + dealId + "/notes", partnerToken, Map.of("text", "After the outage"));
            assertThat(after.status()).as(after.toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    api.get("/api/deals/" + dealId, partnerToken).json().path("notes").size() == 1);
        } finally {
            dropSchema(schema);
        }
    }

    private static SecondService start(int databasePort, String schema) {
        return SecondService.start(new String[] {"test", "postgres"},
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + databasePort + "/test?currentSchema=" + schema,
                "--spring.flyway.schemas=" + schema,
                "--spring.flyway.default-schema=" + schema,
                "--spring.datasource.hikari.maximum-pool-size=6");
    }

    private static void dropSchema(String schema) {
        JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/test", "postgres", ""))
                .sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    }
}

package com.partnerdeals.app.customer;

import static com.partnerdeals.app.customer.CustomerAccounts.activities;
import static com.partnerdeals.app.customer.CustomerAccounts.activity;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The product's usage reports through HTTP: activity batches (idempotent) and usage snapshots. */
@ServiceTest
class UsageHttpTest {

    @LocalServerPort int port;
    @Autowired DataSource dataSource;

    CustomerAccounts accounts;
    Api api;
    Tokens tokens;
    String partner;
    String customerId;

    @BeforeEach
    void setUp() {
        accounts = new CustomerAccounts(port, dataSource);
        api = accounts.api;
        tokens = accounts.program.tokens;
        partner = accounts.program.newPartner();
        customerId = accounts.newTrial(partner);
    }

    @Test
    void aRetriedBatchCountsEachActivityOnce() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> batch = List.of(activity("a-1", now.minusSeconds(60)), activity("a-2", now));

        Api.Response first = accounts.report(customerId, batch);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.at("/accepted")).isEqualTo("2");
        assertThat(first.at("/duplicates")).isEqualTo("0");
        Api.Response retry = accounts.report(customerId, batch);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.at("/accepted")).isEqualTo("0");
        assertThat(retry.at("/duplicates")).isEqualTo("2");
        Api.Response overlapping = accounts.report(customerId, List.of(activity("a-2", now), activity("a-3", now),
                activity("a-3", now)));
        assertThat(overlapping.at("/accepted")).isEqualTo("1");
        assertThat(overlapping.at("/duplicates")).isEqualTo("2");

        assertThat(accounts.eventsOf(customerId))
                .containsExactly("TrialStarted", "CustomerActivityRecorded", "CustomerActivityRecorded");
        Api.Response shown = accounts.awaitCustomer(customerId, tokens.partner(partner),
                r -> "3".equals(r.at("/activitiesLast90Days")));
        assertThat(Instant.parse(shown.at("/lastActivityAt"))).isEqualTo(now);
    }

    @Test
    void concurrentRetriesOfABatchCountItOnce() throws Exception {
        List<Map<String, Object>> batch = activities(50, Instant.now().minusSeconds(5));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> attempts = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return accounts.report(customerId, batch);
                }))
                .toList();
        start.countDown();

        List<Api.Response> responses = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202));
        assertThat(responses.stream().mapToInt(r -> Integer.parseInt(r.at("/accepted"))).sum()).isEqualTo(50);
        accounts.awaitCustomer(customerId, tokens.partner(partner), r -> "50".equals(r.at("/activitiesLast90Days")));
    }

    @Test
    void anActivityFromTheFutureRefusesTheBatchAndStoresNothing() {
        Instant now = Instant.now();
        Api.Response refused = accounts.report(customerId, List.of(activity("b-1", now),
                activity("b-2", now.plus(Duration.ofMinutes(10)))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.at("/errors/0/field")).isEqualTo("activities[1].occurredAt");

        assertThat(accounts.report(customerId, List.of(activity("b-1", now))).at("/accepted")).isEqualTo("1");
    }

    @Test
    void batchesAreCheckedForShape() {
        assertThat(accounts.report(customerId, activities(1001, Instant.now())).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(accounts.report(customerId, List.of()).code()).isEqualTo("VALIDATION_FAILED");
        Map<String, Object> noId = new java.util.HashMap<>(activity("x", Instant.now()));
        noId.remove("activityId");
        assertThat(accounts.report(customerId, List.of(noId)).code()).isEqualTo("VALIDATION_FAILED");
        Api.Response unreadable = api.post("/api/customers/" + customerId + "/activities", tokens.system(),
                "{\"activities\":[{\"activityId\":\"x\",\"type\":\"LOGIN\",\"occurredAt\":\"yesterday\"}]}");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unreadable.at("/errors/0/field")).isEqualTo("activities[0].occurredAt");
        assertThat(accounts.report(customerId, activities(1000, Instant.now())).at("/accepted")).isEqualTo("1000");
    }

    @Test
    void onlyTheProductReportsUsageAndOnlyForKnownAccounts() {
        List<Map<String, Object>> batch = activities(1, Instant.now());
        assertThat(api.post("/api/customers/" + customerId + "/activities", tokens.partner(partner),
                Map.of("activities", batch)).status()).isEqualTo(403);
        assertThat(api.post("/api/customers/" + customerId + "/activities", tokens.manager(),
                Map.of("activities", batch)).status()).isEqualTo(403);
        assertThat(api.post("/api/customers/" + customerId + "/activities", null,
                Map.of("activities", batch)).status()).isEqualTo(401);
        assertThat(accounts.report("no-such-customer", batch).code()).isEqualTo("NOT_FOUND");
        assertThat(accounts.usage("no-such-customer", 1, null, 0).code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void theLatestUsageSnapshotIsShown() {
        assertThat(accounts.usage(customerId, 3, null, 0).status()).isEqualTo(200);
        Api.Response reported = accounts.usage(customerId, 12, "ISO 27001", 40);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(accounts.usage(customerId, 12, "ISO 27001", 40).at("/version")).isEqualTo(reported.at("/version"));

        Api.Response shown = accounts.awaitCustomer(customerId, tokens.partner(partner),
                r -> "12".equals(r.at("/users")));
        assertThat(shown.at("/mainFramework")).isEqualTo("ISO 27001");
        assertThat(shown.at("/frameworkProgress")).isEqualTo("40");
    }

    @Test
    void aLongStreamIsSnapshottedAndTheAccountStillAnswersFromIt() {
        for (int users = 1; users <= 105; users++) {
            assertThat(accounts.usage(customerId, users, "NIS2", users % 101).status()).isEqualTo(200);
        }
        assertThat(accounts.jdbc.sql("SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(customerId).query(Long.class).single()).isPositive();

        Api.Response requested = api.post("/api/customers/" + customerId + "/trial-extension-requests",
                tokens.partner(partner), null);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
        assertThat(requested.at("/version")).isEqualTo("106");
        assertThat(api.post("/api/customers/" + customerId + "/trial-extension-requests", tokens.partner(partner),
                null).code()).isEqualTo("EXTENSION_ALREADY_REQUESTED");
        assertThat(accounts.usage(customerId, 105, "NIS2", 4).at("/version")).isEqualTo("106");
    }

    @Test
    void usageSnapshotsAreCheckedForShape() {
        assertThat(accounts.usage(customerId, -1, null, 0).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(accounts.usage(customerId, 1, null, 101).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(accounts.usage(customerId, 1, "x".repeat(101), 5).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(accounts.usage(customerId, null, null, 5).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.put("/api/customers/" + customerId + "/usage", tokens.partner(partner),
                Map.of("users", 1, "frameworkProgress", 1)).status()).isEqualTo(403);
    }
}

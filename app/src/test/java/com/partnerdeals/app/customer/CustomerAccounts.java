package com.partnerdeals.app.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.StoredEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customer accounts through the API for full-service tests: trials, usage reports, the overview. */
class CustomerAccounts {

    final PartnerProgram program;
    final Api api;
    final JdbcClient jdbc;

    CustomerAccounts(int port, DataSource dataSource) {
        this.program = new PartnerProgram(port);
        this.api = program.api;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Starts the trial of the deal as its partner; returns the new customer id. */
    String startTrial(String partnerId, String dealId) {
        Api.Response started = api.post("/api/deals/" + dealId + "/trial", program.tokens.partner(partnerId), null);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return started.at("/customerId");
    }

    /** A fresh deal of the partner with a trial started; returns the customer id. */
    String newTrial(String partnerId) {
        return startTrial(partnerId, program.newDeal(partnerId));
    }

    static Map<String, Object> activity(String activityId, Instant occurredAt) {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("activityId", activityId);
        activity.put("type", "LOGIN");
        activity.put("occurredAt", occurredAt.toString());
        activity.put("userId", "user-1");
        return activity;
    }

    static List<Map<String, Object>> activities(int count, Instant occurredAt) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> activity(UUID.randomUUID().toString(), occurredAt)).toList();
    }

    Api.Response report(String customerId, List<Map<String, Object>> activities) {
        return api.post("/api/customers/" + customerId + "/activities", program.tokens.system(),
                Map.of("activities", activities));
    }

    Api.Response usage(String customerId, Object users, Object framework, Object progress) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", users);
        body.put("mainFramework", framework);
        body.put("frameworkProgress", progress);
        return api.put("/api/customers/" + customerId + "/usage", program.tokens.system(), body);
    }

    /** Waits until the overview shows the account as the condition wants it (it follows asynchronously). */
    Api.Response awaitCustomer(String customerId, String token, Predicate<Api.Response> condition) {
        Api.Response[] last = new Api.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> condition.test(last[0] = api.get("/api/customers/" + customerId, token)));
        return last[0];
    }

    /** The payload types of an aggregate's events, in order, read from the event store itself. */
    List<String> eventsOf(String aggregateId) {
        return StoredEvents.typesOf(jdbc, aggregateId);
    }
}

package com.partnerdeals.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests derived from the served OpenAPI document, most of them with one thing wrong (SPEC section 9):
 * none may answer 5xx, every error must be problem+json with a code, and the service must be healthy
 * afterwards. Seeded and repeatable: {@code -Dfuzz.seed=...} and {@code -Dfuzz.requests=...} change the run.
 */
@ServiceTest
class ApiFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 4000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @Test
    void noRequestDerivedFromTheApiDocumentBreaksTheServiceOrAnswersAnythingButAProblem() {
        PartnerProgram program = new PartnerProgram(port);
        Api api = program.api;
        String partner = program.newPartner();
        String dealId = program.newAcceptedDeal(partner);
        Api.Response trial = api.post("/api/deals/" + program.newDeal(partner) + "/trial", program.tokens.partner(partner), null);
        assertThat(trial.status()).as(trial.toString()).isEqualTo(201);
        JsonNode document = api.get("/v3/api-docs", null).json();
        Set<String> documentedCodes = new HashSet<>(document.at("/components/schemas/Problem/properties/code/enum")
                .valueStream().map(JsonNode::asString).toList());
        ApiFuzzer fuzzer = new ApiFuzzer(document, SEED,
                new ApiFuzzer.KnownIds(partner, dealId, trial.at("/customerId")),
                new ApiFuzzer.Tokens(program.tokens.partner(partner), program.tokens.partner(program.newPartner()),
                        program.tokens.manager(), program.tokens.system()));
        assertThat(fuzzer.operationCount()).as("operations in the API document").isGreaterThan(25);

        RawHttp http = new RawHttp(port);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            RawHttp.Request request = fuzzer.next();
            RawHttp.Response response = http.send(request);
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() >= 500) {
                serverErrors.add(response.status() + " for " + request + " -> " + response.body());
            } else if (response.status() >= 400 && !isProblem(response, documentedCodes)) {
                notProblems.add(response.status() + " " + response.contentType() + " for " + request + " -> " + response.body());
            }
        }
        System.out.printf("API fuzz (seed %d): %d requests over %d operations; statuses %s; %d answered 5xx, "
                        + "%d error answers not problem+json%n",
                SEED, REQUESTS, fuzzer.operationCount(), statuses, serverErrors.size(), notProblems.size());

        assertSoftly(softly -> {
            softly.assertThat(serverErrors).as("5xx answers").isEmpty();
            softly.assertThat(notProblems).as("error answers that are not problem+json with a documented code").isEmpty();
        });
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        program.awaitReadModelsCaughtUp(Duration.ofSeconds(90));
        assertThat(api.get("/api/admin/projections", program.tokens.manager()).json().findValues("deadLetters"))
                .as("events a read model could not store: every value a command accepts must be storable (SPEC 9)")
                .allMatch(count -> count.asLong() == 0);
        program.newAcceptedDeal(program.newPartner()); // the fuzz may have deactivated the first partner
    }

    /** problem+json whose code is one the API document lists, so that clients can rely on the list. */
    private static boolean isProblem(RawHttp.Response response, Set<String> documentedCodes) {
        if (!response.contentType().startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return documentedCodes.contains(body.path("code").asString()) && body.path("status").asInt() == response.status();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

}

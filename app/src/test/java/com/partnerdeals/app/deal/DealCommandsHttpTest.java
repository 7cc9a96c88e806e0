package com.partnerdeals.app.deal;

import static com.partnerdeals.app.PartnerProgram.dealFor;
import static com.partnerdeals.app.PartnerProgram.newCustomerDomain;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Deal commands through HTTP with real tokens: statuses, problem codes, versions, retries, races. */
@ServiceTest
class DealCommandsHttpTest {

    @LocalServerPort int port;
    @Autowired MutableClock clock;

    PartnerProgram program;
    Api api;
    Tokens tokens;
    String partner;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        tokens = program.tokens;
        partner = program.newPartner();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Api.Response asPartner(String path, Object body) {
        return api.post(path, tokens.partner(partner), body);
    }

    private Api.Response asManager(String path, Object body) {
        return api.post(path, tokens.manager(), body);
    }

    @Test
    void aDealGoesFromRegistrationToWonWithAVersionAtEachStep() {
        Api.Response registered = asPartner("/api/deals", dealFor("anna@" + newCustomerDomain()));
        assertThat(registered.status()).isEqualTo(201);
        String dealId = registered.at("/dealId");
        assertThat(registered.header("Location")).endsWith("/api/deals/" + dealId);
        assertThat(registered.header("ETag")).isEqualTo("\"0\"");
        assertThat(registered.at("/version")).isEqualTo("0");

        assertThat(asManager("/api/deals/" + dealId + "/accept", null).at("/version")).isEqualTo("1");
        assertThat(asPartner("/api/deals/" + dealId + "/newsletter-subscription", null).at("/version")).isEqualTo("3");
        assertThat(asPartner("/api/deals/" + dealId + "/stage", Map.of("stage", "TRIAL")).at("/version")).isEqualTo("4");
        Api.Response note = asPartner("/api/deals/" + dealId + "/notes", Map.of("text", "Demo booked for Friday"));
        assertThat(note.status()).isEqualTo(201);
        assertThat(note.at("/noteId")).isNotBlank();
        Api.Response won = asPartner("/api/deals/" + dealId + "/close-won", Map.of("billingOption", "PARTNER_BILLING",
                "annualValue", Map.of("amount", "4800.00", "currency", "EUR")));
        assertThat(won.status()).as(won.toString()).isEqualTo(200);
        assertThat(won.at("/version")).isEqualTo("6");
        assertThat(won.header("ETag")).isEqualTo("\"6\"");
    }

    @Test
    void aLostDealIsReopenedInTheStageItWasClosedFrom() {
        String dealId = program.newDeal(partner);
        asPartner("/api/deals/" + dealId + "/stage", Map.of("stage", "TRIAL"));
        assertThat(asPartner("/api/deals/" + dealId + "/close-lost", Map.of("reason", "No budget until Q3")).status())
                .isEqualTo(200);
        assertThat(asPartner("/api/deals/" + dealId + "/reopen", null).status()).isEqualTo(200);
        assertThat(asPartner("/api/deals/" + dealId + "/reopen", null).code()).isEqualTo("DEAL_NOT_LOST");
    }

    @Test
    void registrationRulesAnswerTheirProblemCodes() {
        Api.Response own = asPartner("/api/deals", dealFor("me@" + partner + ".example"));
        assertProblem(own, 400, "CONTACT_IS_PARTNER");

        assertProblem(asPartner("/api/deals", dealFor("someone@gmail.com")), 400, "FREE_EMAIL_DOMAIN");

        String email = "anna@" + newCustomerDomain();
        String first = program.newDeal(partner, email);
        Api.Response duplicate = asPartner("/api/deals", dealFor(email.toUpperCase()));
        assertProblem(duplicate, 409, "DUPLICATE_DEAL");
        assertThat(duplicate.at("/existingDealId")).isEqualTo(first);

        Api.Response unregistered = api.post("/api/deals", tokens.partner("no-such-partner"), dealFor("a@" + newCustomerDomain()));
        assertProblem(unregistered, 403, "PARTNER_NOT_REGISTERED");
    }

    @Test
    void anInactivePartnerCannotRegisterDeals() {
        assertThat(api.put("/api/partners/" + partner, tokens.manager(), Map.of("active", false)).status()).isEqualTo(200);
        assertProblem(asPartner("/api/deals", dealFor("a@" + newCustomerDomain())), 403, "PARTNER_NOT_REGISTERED");
    }

    /** SPEC 3: a deactivated partner's users read and add notes; every other command is PARTNER_INACTIVE. */
    @Test
    void aDeactivatedPartnersUsersOnlyReadAndAddNotesWhileManagersStillAct() {
        String dealId = program.newAcceptedDeal(partner);
        String customerId = asPartner("/api/deals/" + program.newDeal(partner) + "/trial", null).at("/customerId");
        assertThat(api.put("/api/partners/" + partner, tokens.manager(), Map.of("active", false)).status()).isEqualTo(200);

        assertProblem(asPartner("/api/deals/" + dealId + "/stage", Map.of("stage", "TRIAL")), 403, "PARTNER_INACTIVE");
        assertProblem(asPartner("/api/deals/" + dealId + "/newsletter-subscription", null), 403, "PARTNER_INACTIVE");
        assertProblem(asPartner("/api/deals/" + dealId + "/trial", null), 403, "PARTNER_INACTIVE");
        assertProblem(asPartner("/api/deals/" + dealId + "/close-won", Map.of("billingOption", "INVOICE",
                "annualValue", Map.of("amount", "1000.00", "currency", "EUR"))), 403, "PARTNER_INACTIVE");
        assertProblem(asPartner("/api/deals/" + dealId + "/close-lost", Map.of("reason", "No budget")), 403, "PARTNER_INACTIVE");
        assertProblem(asPartner("/api/customers/" + customerId + "/trial-extension-requests", Map.of()), 403, "PARTNER_INACTIVE");

        assertThat(asPartner("/api/deals/" + dealId + "/notes", Map.of("text", "Still following up")).status()).isEqualTo(201);
        org.awaitility.Awaitility.await().until(() -> api.get("/api/deals/" + dealId, tokens.partner(partner)).status() == 200);
        assertThat(api.get("/api/customers", tokens.partner(partner)).status()).isEqualTo(200);

        Api.Response won = asManager("/api/deals/" + dealId + "/close-won", Map.of("billingOption", "INVOICE",
                "annualValue", Map.of("amount", "1000.00", "currency", "EUR")));
        assertThat(won.status()).as(won.toString()).isEqualTo(200);
    }

    @Test
    void aRetriedRegistrationAnswersTheExistingDealAndADifferentPayloadIsRefused() {
        String dealId = UUID.randomUUID().toString();
        Map<String, Object> body = dealFor("anna@" + newCustomerDomain());
        body.put("dealId", dealId);
        assertThat(asPartner("/api/deals", body).status()).isEqualTo(201);

        Api.Response retry = asPartner("/api/deals", body);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.at("/dealId")).isEqualTo(dealId);
        assertThat(retry.at("/version")).isEqualTo("0");

        Map<String, Object> other = dealFor("bob@" + newCustomerDomain());
        other.put("dealId", dealId);
        assertProblem(asPartner("/api/deals", other), 409, "DEAL_ID_TAKEN");
    }

    @Test
    void twoSimultaneousRegistrationsOfOneDomainByOnePartnerLetExactlyOneThrough() {
        for (int round = 0; round < 5; round++) {
            String email = "anna@" + newCustomerDomain();
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> attempts = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return asPartner("/api/deals", dealFor(email));
                    }))
                    .toList();
            start.countDown();
            List<Api.Response> responses = attempts.stream().map(CompletableFuture::join).toList();
            assertThat(responses).as(responses.toString()).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 201)
                    .allSatisfy(r -> assertProblem(r, 409, "DUPLICATE_DEAL"));
        }
    }

    @Test
    void aLapsedDealNoLongerBlocksTheSameDomain() {
        String email = "anna@" + newCustomerDomain();
        clock.set(Instant.parse("2026-01-01T09:00:00Z"));
        String first = program.newDeal(partner, email);
        clock.advance(Duration.ofDays(89));
        asPartner("/api/deals/" + first + "/notes", Map.of("text", "Still interested")); // renews protection
        clock.advance(Duration.ofDays(89));
        assertProblem(asPartner("/api/deals", dealFor(email)), 409, "DUPLICATE_DEAL");
        clock.advance(Duration.ofDays(2));
        assertThat(asPartner("/api/deals", dealFor(email)).status()).isEqualTo(201);
    }

    @Test
    void onlyAnOpenDealBlocksTheDomainAndReopeningTakesItsClaimBack() {
        String email = "anna@" + newCustomerDomain();
        String lost = program.newDeal(partner, email);
        asPartner("/api/deals/" + lost + "/close-lost", Map.of("reason", "Chose a competitor"));
        String successor = program.newDeal(partner, email); // a lost deal no longer protects the domain

        Api.Response reopen = asPartner("/api/deals/" + lost + "/reopen", null);
        assertProblem(reopen, 409, "DUPLICATE_DEAL");
        assertThat(reopen.at("/existingDealId")).isEqualTo(successor);

        assertThat(asManager("/api/deals/" + successor + "/deny", Map.of("reason", "DUPLICATE")).status()).isEqualTo(200);
        assertThat(asPartner("/api/deals/" + lost + "/reopen", null).status()).isEqualTo(200); // a denied deal no longer either
        assertProblem(asPartner("/api/deals", dealFor(email)), 409, "DUPLICATE_DEAL");
    }

    @Test
    void reviewAndStageRulesAnswerTheirProblemCodes() {
        String denied = program.newDeal(partner);
        assertThat(asManager("/api/deals/" + denied + "/deny", Map.of("reason", "INVALID_LEAD")).status()).isEqualTo(200);
        assertProblem(asManager("/api/deals/" + denied + "/accept", null), 409, "REVIEW_ALREADY_DECIDED");
        assertProblem(asPartner("/api/deals/" + denied + "/stage", Map.of("stage", "TRIAL")), 409, "DEAL_DENIED");
        assertThat(asPartner("/api/deals/" + denied + "/notes", Map.of("text", "Why?")).status()).isEqualTo(201);

        String pending = program.newDeal(partner);
        assertProblem(asManager("/api/deals/" + pending + "/deny", Map.of("reason", "OTHER")), 400, "VALIDATION_FAILED");
        assertProblem(asPartner("/api/deals/" + pending + "/stage", Map.of("stage", "CLOSED_WON")), 400, "USE_CLOSE_COMMAND");
        assertProblem(asPartner("/api/deals/" + pending + "/close-won", Map.of("billingOption", "INVOICE",
                "annualValue", Map.of("amount", "100.00", "currency", "EUR"))), 409, "DEAL_NOT_ACCEPTED");
        asPartner("/api/deals/" + pending + "/close-lost", Map.of("reason", "Went quiet"));
        assertProblem(asPartner("/api/deals/" + pending + "/stage", Map.of("stage", "TRIAL")), 409, "DEAL_CLOSED");

        String accepted = program.newAcceptedDeal(partner);
        assertProblem(asManager("/api/deals/" + accepted + "/deny", Map.of("reason", "DUPLICATE")), 409, "REVIEW_ALREADY_DECIDED");
        asPartner("/api/deals/" + accepted + "/notes", Map.of("text", "first", "noteId", "n-1"));
        assertThat(asPartner("/api/deals/" + accepted + "/notes", Map.of("text", "first", "noteId", "n-1")).status())
                .isEqualTo(201);
        assertProblem(asPartner("/api/deals/" + accepted + "/notes", Map.of("text", "second", "noteId", "n-1")),
                409, "NOTE_ID_TAKEN");
    }

    @Test
    void badInputIsAValidationProblemThatNamesTheFields() {
        String dealId = program.newAcceptedDeal(partner);
        Api.Response missingBilling = asPartner("/api/deals/" + dealId + "/close-won",
                Map.of("annualValue", Map.of("amount", "100.001", "currency", "EURO")));
        assertProblem(missingBilling, 400, "VALIDATION_FAILED");
        assertThat(missingBilling.json().get("errors").toString())
                .contains("billingOption").contains("annualValue.amount").contains("annualValue.currency");

        assertProblem(asPartner("/api/deals/" + dealId + "/close-won", Map.of("billingOption", "INVOICE",
                "annualValue", Map.of("amount", "-5", "currency", "EUR"))), 400, "VALIDATION_FAILED");
        assertProblem(asPartner("/api/deals/" + dealId + "/close-won", Map.of("billingOption", "INVOICE",
                "annualValue", Map.of("amount", "5", "currency", "XYZ"))), 400, "VALIDATION_FAILED");

        Map<String, Object> noEmail = dealFor("not-an-email");
        Api.Response invalid = asPartner("/api/deals", noEmail);
        assertProblem(invalid, 400, "VALIDATION_FAILED");
        assertThat(invalid.json().get("errors").toString()).contains("customer.contactEmail");

        assertProblem(asPartner("/api/deals", "{\"customer\": "), 400, "MALFORMED_REQUEST");
        assertProblem(asPartner("/api/deals/" + dealId + "/stage", Map.of("stage", "WON")), 400, "VALIDATION_FAILED");
    }

    @Test
    void ifMatchWithAStaleVersionIsRefusedAndChangesNothing() {
        String dealId = program.newDeal(partner);
        Api.Response stale = api.post("/api/deals/" + dealId + "/stage", tokens.partner(partner),
                Map.of("stage", "TRIAL"), "If-Match", "\"7\"");
        assertProblem(stale, 412, "VERSION_MISMATCH");
        Api.Response current = api.post("/api/deals/" + dealId + "/stage", tokens.partner(partner),
                Map.of("stage", "TRIAL"), "If-Match", "\"0\"");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.at("/version")).isEqualTo("1");
    }

    @Test
    void anUnknownDealIsNotFound() {
        assertProblem(asPartner("/api/deals/" + UUID.randomUUID() + "/stage", Map.of("stage", "TRIAL")), 404, "NOT_FOUND");
    }

    @Test
    void aBodyOverOneMebibyteIsRefused() {
        String huge = "{\"text\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        Api.Response response = asPartner("/api/deals/" + program.newDeal(partner) + "/notes", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void concurrentCommandsOnOneDealLoseNoUpdate() {
        String dealId = program.newDeal(partner);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> notes = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return asPartner("/api/deals/" + dealId + "/notes", Map.of("text", "note " + i));
                }))
                .toList();
        start.countDown();
        List<Api.Response> responses = notes.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.at("/version")).distinct()).hasSize(20);
        Api.Response next = asPartner("/api/deals/" + dealId + "/notes", Map.of("text", "last"));
        assertThat(next.at("/version")).isEqualTo("21");
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.at("/type")).isNotBlank();
        assertThat(response.at("/title")).isNotBlank();
        assertThat(response.at("/status")).isEqualTo(Integer.toString(status));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.partnerdeals.app.deal;

import static com.partnerdeals.app.PartnerProgram.dealFor;
import static com.partnerdeals.app.PartnerProgram.newCustomerDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A deal's life through the commands, read back as the partner, the manager and an auditor see it. */
@ServiceTest
class DealLifecycleHttpTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @LocalServerPort int port;
    @Autowired MutableClock clock;

    PartnerProgram program;
    Api api;
    Tokens tokens;
    String partner;
    String partnerToken;
    String manager;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        tokens = program.tokens;
        partner = program.newPartner();
        partnerToken = tokens.partner(partner);
        manager = tokens.manager();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aWonDealShowsItsCommissionAndItsWholeHistoryWithTheActorsInOrder() {
        clock.set(T0);
        String dealId = api.post("/api/deals", partnerToken, dealFor("anna@" + newCustomerDomain())).at("/dealId");
        at(Duration.ofHours(1), () -> api.post("/api/deals/" + dealId + "/accept", manager, null));
        at(Duration.ofHours(2), () -> api.post("/api/deals/" + dealId + "/newsletter-subscription", partnerToken, null));
        at(Duration.ofHours(3), () -> api.post("/api/deals/" + dealId + "/notes", partnerToken, Map.of("text", "Demo on Friday")));
        Api.Response won = at(Duration.ofHours(4), () -> api.post("/api/deals/" + dealId + "/close-won", partnerToken,
                Map.of("billingOption", "PARTNER_BILLING", "annualValue", Map.of("amount", "4800.00", "currency", "EUR"))));
        assertThat(won.at("/version")).isEqualTo("5");

        JsonNode deal = awaitVersion(dealId, manager, 5);
        assertThat(deal.at("/stage").asString()).isEqualTo("CLOSED_WON");
        assertThat(deal.at("/reviewStatus").asString()).isEqualTo("ACCEPTED");
        assertThat(deal.at("/closeWon/commissionRate").asString()).isEqualTo("0.20");
        assertThat(deal.at("/closeWon/commissionAmount/amount").asString()).isEqualTo("960.00");
        assertThat(deal.at("/closeWon/settlement/type").asString()).isEqualTo("INVOICE_TO_PARTNER");
        assertThat(deal.at("/closeWon/settlement/invoiceToPartner/amount").asString()).isEqualTo("3840.00");
        assertThat(deal.at("/protectedUntil").isNull()).isTrue();
        assertThat(deal.at("/protectionLapsed").asBoolean()).isFalse();
        assertThat(deal.at("/lastPartnerActionAt").asString()).isEqualTo("2026-03-02T12:00:00Z");
        assertThat(deal.at("/notes/0/author").asString()).isEqualTo("consultant@" + partner + ".example");
        assertThat(deal.at("/flags").isArray()).isTrue();
        assertThat(awaitVersion(dealId, partnerToken, 5).at("/flags").isNull()).as("flags are for managers").isTrue();

        Api.Response history = api.get("/api/deals/" + dealId + "/history", manager);
        assertThat(history.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        for (JsonNode entry : history.json()) {
            types.add(entry.get("eventType").asString());
            actors.add(entry.at("/actor/subject").asString() + " " + entry.at("/actor/roles/0").asString());
        }
        assertThat(types).containsExactly("DealRegistered", "DealAccepted", "NewsletterSubscriptionSubmitted",
                "DealStageChanged", "DealNoteAdded", "DealClosedWon");
        String consultant = "consultant@" + partner + ".example PARTNER";
        assertThat(actors).containsExactly(consultant, "manager@vendor.example PARTNER_MANAGER", consultant,
                consultant, consultant, consultant);
        assertThat(history.json().get(1).get("occurredAt").asString()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(api.get("/api/deals/" + dealId + "/history", tokens.partner(program.newPartner())).status()).isEqualTo(404);

        Api.Response halfway = api.get("/api/deals/" + dealId + "/state?asOf=2026-03-02T11:30:00Z", partnerToken);
        assertThat(halfway.status()).as(halfway.toString()).isEqualTo(200);
        assertThat(halfway.at("/stage")).isEqualTo("NEWSLETTER_SUBSCRIPTION");
        assertThat(halfway.at("/reviewStatus")).isEqualTo("ACCEPTED");
        assertThat(halfway.at("/version")).isEqualTo("3");
        assertThat(halfway.at("/closeWon")).isNull();
        assertThat(api.get("/api/deals/" + dealId + "/state?asOf=2026-03-01T00:00:00Z", partnerToken).status()).isEqualTo(404);
    }

    @Test
    void aNewCommissionRateAppliesToDealsClosedAfterTheChange() {
        String before = program.newAcceptedDeal(partner);
        String after = program.newAcceptedDeal(partner);
        closeWon(before);
        assertThat(api.put("/api/partners/" + partner, manager, Map.of("commissionRate", "0.25")).status()).isEqualTo(200);
        closeWon(after);
        assertThat(awaitVersion(before, manager, 2).at("/closeWon/commissionAmount/amount").asString()).isEqualTo("200.00");
        assertThat(awaitVersion(after, manager, 2).at("/closeWon/commissionAmount/amount").asString()).isEqualTo("250.00");
    }

    @Test
    void anotherPartnersProtectedDealFlagsTheRegistrationUntilItsProtectionLapses() {
        clock.set(T0);
        String domain = newCustomerDomain();
        program.newDeal(partner, "anna@" + domain);
        String rival = program.newPartner();
        String flagged = program.newDeal(rival, "bob@" + domain);
        assertThat(awaitVersion(flagged, manager, 0).get("flags").toString()).contains("DOMAIN_CONFLICT");

        clock.advance(Duration.ofDays(91));
        String third = program.newDeal(program.newPartner(), "carl@" + domain);
        assertThat(awaitVersion(third, manager, 0).get("flags").toString()).doesNotContain("DOMAIN_CONFLICT");
        assertThat(awaitVersion(flagged, manager, 0).at("/protectionLapsed").asBoolean()).isTrue();
    }

    @Test
    void aTrialExtensionRequestIsAPartnerActionThatRenewsTheDealsProtection() {
        clock.set(T0);
        String email = "anna@" + newCustomerDomain();
        String dealId = program.newDeal(partner, email);
        Api.Response trial = api.post("/api/deals/" + dealId + "/trial", partnerToken, null);
        assertThat(trial.status()).as(trial.toString()).isEqualTo(201);

        clock.set(T0.plus(Duration.ofDays(80)));
        Api.Response request = api.post("/api/customers/" + trial.at("/customerId") + "/trial-extension-requests",
                partnerToken, Map.of("note", "Pilot delayed"));
        assertThat(request.status()).as(request.toString()).isEqualTo(200);
        assertThat(awaitVersion(dealId, partnerToken, 3).at("/lastPartnerActionAt").asString())
                .isEqualTo("2026-05-21T09:00:00Z");
        // Recorded on the deal by the trial's command: the acting partner user travels with it.
        JsonNode history = api.get("/api/deals/" + dealId + "/history", partnerToken).json();
        JsonNode recorded = history.get(history.size() - 1);
        assertThat(recorded.at("/eventType").asString()).isEqualTo("DealTrialExtensionRequested");
        assertThat(recorded.at("/actor")).isEqualTo(history.get(0).at("/actor"));

        clock.set(T0.plus(Duration.ofDays(100))); // past the first 90 days, inside the renewed ones
        Api.Response again = api.post("/api/deals", partnerToken, dealFor(email));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.at("/existingDealId")).isEqualTo(dealId);
    }

    private void closeWon(String dealId) {
        Api.Response won = api.post("/api/deals/" + dealId + "/close-won", partnerToken,
                Map.of("billingOption", "CREDIT_CARD", "annualValue", Map.of("amount", "1000", "currency", "EUR")));
        assertThat(won.status()).as(won.toString()).isEqualTo(200);
    }

    private Api.Response at(Duration sinceStart, java.util.function.Supplier<Api.Response> command) {
        clock.set(T0.plus(sinceStart));
        Api.Response response = command.get();
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        return response;
    }

    private JsonNode awaitVersion(String dealId, String token, long version) {
        Api.Response[] last = new Api.Response[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            last[0] = api.get("/api/deals/" + dealId, token);
            return last[0].status() == 200 && Long.parseLong(last[0].at("/version")) >= version;
        });
        return last[0].json();
    }
}

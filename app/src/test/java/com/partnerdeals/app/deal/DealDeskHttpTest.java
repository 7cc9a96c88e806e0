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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The deal desk over HTTP with real tokens (SPEC 12): the review queue, auto-accept, withdrawal, protection ending. */
@ServiceTest
class DealDeskHttpTest {

    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    @LocalServerPort int port;
    @Autowired MutableClock clock;

    PartnerProgram program;
    Api api;
    Tokens tokens;
    String manager;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        tokens = program.tokens;
        manager = tokens.manager();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theReviewQueueListsPendingDealsOldestFirstWithDueTimeFlagsAndTheOtherDealsForTheDomain() {
        String first = program.newPartner();
        String second = program.newPartner();
        String domain = newCustomerDomain();
        clock.set(T0);
        String earlier = program.newDeal(first, "anna@" + domain);
        clock.set(T0.plus(Duration.ofHours(1)));
        String later = program.newDeal(second, "olli@" + domain);
        String decided = program.newAcceptedDeal(first);
        program.awaitReadModelsCaughtUp(Duration.ofSeconds(20));

        List<JsonNode> queue = reviewQueue();
        List<String> ids = queue.stream().map(item -> item.path("dealId").asString()).toList();
        assertThat(ids).contains(earlier, later).doesNotContain(decided);
        assertThat(ids.indexOf(earlier)).as("oldest first").isLessThan(ids.indexOf(later));
        JsonNode conflicting = queue.get(ids.indexOf(later));
        assertThat(conflicting.path("reviewDueAt").asString()).isEqualTo("2026-06-03T10:00:00Z");
        assertThat(conflicting.path("reviewOverdue").asBoolean()).isFalse();
        assertThat(conflicting.path("flags").valueStream().map(JsonNode::asString)).containsExactly("DOMAIN_CONFLICT");
        assertThat(conflicting.path("sameDomain").findValuesAsString("dealId")).containsExactly(earlier);
        assertThat(conflicting.path("sameDomain").findValuesAsString("partnerId")).containsExactly(first);

        clock.set(T0.plus(Duration.ofDays(2)).plusSeconds(1));
        JsonNode overdue = reviewQueue().stream().filter(item -> item.path("dealId").asString().equals(earlier))
                .findFirst().orElseThrow();
        assertThat(overdue.path("reviewOverdue").asBoolean()).isTrue();
        assertThat(api.get("/api/deals/" + earlier, tokens.partner(first)).at("/reviewOverdue")).isEqualTo("true");
        assertThat(api.get("/api/review-queue", tokens.partner(first)).status()).as("managers only").isEqualTo(403);
    }

    @Test
    void aPartnerSetToAutoAcceptHasItsUnflaggedDealsAcceptedByRuleAndItsFlaggedOnesReviewed() {
        String partner = program.newPartner();
        Api.Response set = api.put("/api/partners/" + partner, manager, Map.of("autoAccept", true));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "true".equals(api.get("/api/partners/" + partner, manager).at("/autoAccept")));

        String accepted = program.newDeal(partner);
        JsonNode view = awaitDeal(accepted, deal -> deal.path("version").asLong() >= 1);
        assertThat(view.path("reviewStatus").asString()).isEqualTo("ACCEPTED");
        assertThat(view.path("decidedBy").asString()).isEqualTo("AUTO_ACCEPT");
        JsonNode history = api.get("/api/deals/" + accepted + "/history", manager).json();
        assertThat(history.findValuesAsString("eventType")).containsExactly("DealRegistered", "DealAccepted");
        assertThat(history.get(1).at("/data/decidedBy").asString()).isEqualTo("AUTO_ACCEPT");
        assertThat(history.get(1).at("/actor/subject").asString()).as("the registration's user, by rule")
                .isEqualTo("consultant@" + partner + ".example");

        String domain = newCustomerDomain();
        program.newDeal(program.newPartner(), "anna@" + domain);
        String flagged = program.newDeal(partner, "olli@" + domain);
        JsonNode waiting = awaitDeal(flagged, deal -> true);
        assertThat(waiting.path("reviewStatus").asString()).isEqualTo("PENDING");
        assertThat(waiting.path("flags").valueStream().map(JsonNode::asString)).containsExactly("DOMAIN_CONFLICT");
    }

    @Test
    void aWithdrawnDealReleasesItsDomainCannotBeReopenedAndTakesOnlyNotes() {
        String partner = program.newPartner();
        String token = tokens.partner(partner);
        String email = "anna@" + newCustomerDomain();
        clock.set(T0);
        String dealId = program.newDeal(partner, email);
        assertThat(api.post("/api/deals", token, dealFor(email)).status()).as("a duplicate").isEqualTo(409);

        clock.set(T0.plus(Duration.ofHours(2)));
        Api.Response withdrawn = api.post("/api/deals/" + dealId + "/withdraw", token,
                Map.of("reason", "Registered for the wrong customer"));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        Api.Response again = api.post("/api/deals", token, dealFor(email));
        assertThat(again.status()).as("the domain is free again: " + again).isEqualTo(201);

        assertThat(api.post("/api/deals/" + dealId + "/stage", token, Map.of("stage", "TRIAL")).at("/code"))
                .isEqualTo("DEAL_CLOSED");
        assertThat(api.post("/api/deals/" + dealId + "/reopen", token, null).at("/code")).isEqualTo("DEAL_NOT_LOST");
        assertThat(api.post("/api/deals/" + dealId + "/accept", manager, null).at("/code")).isEqualTo("DEAL_CLOSED");
        assertThat(api.post("/api/deals/" + dealId + "/notes", token, Map.of("text", "Wrong customer")).status())
                .isEqualTo(201);

        JsonNode view = awaitDeal(dealId, deal -> deal.path("notes").size() == 1);
        assertThat(view.path("stage").asString()).isEqualTo("WITHDRAWN");
        assertThat(view.path("withdrawalReason").asString()).isEqualTo("Registered for the wrong customer");
        assertThat(view.path("protectionLapsed").asBoolean()).isTrue();
        JsonNode history = api.get("/api/deals/" + dealId + "/history", manager).json();
        assertThat(history.findValuesAsString("eventType")).containsExactly("DealRegistered", "DealWithdrawn", "DealNoteAdded");
        assertThat(history.get(1).at("/actor/subject").asString()).isEqualTo("consultant@" + partner + ".example");
        assertThat(api.get("/api/deals/" + dealId + "/state?asOf=" + T0.plus(Duration.ofHours(1)), manager).at("/stage"))
                .isEqualTo("NEW");
        assertThat(api.get("/api/deals/" + dealId + "/state?asOf=" + T0.plus(Duration.ofHours(3)), manager).at("/stage"))
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void theBoardAndTheDashboardShowTheDealsWhoseProtectionEndsSoon() {
        String partner = program.newPartner();
        String token = tokens.partner(partner);
        clock.set(T0);
        String dealId = program.newDeal(partner);
        awaitDeal(dealId, deal -> true);

        clock.set(T0.plus(Duration.ofDays(10)));
        assertThat(endingSoon(token)).isEmpty();
        assertThat(api.get("/api/dashboard", token).at("/protectionEndingSoon")).isEqualTo("0");

        clock.set(T0.plus(Duration.ofDays(77)));
        assertThat(endingSoon(token)).containsExactly(dealId);
        assertThat(api.get("/api/deals/" + dealId, token).at("/protectionEndsSoon")).isEqualTo("true");
        assertThat(api.get("/api/dashboard", token).at("/protectionEndingSoon")).isEqualTo("1");

        clock.set(T0.plus(Duration.ofDays(91)));
        assertThat(endingSoon(token)).as("lapsed").isEmpty();
    }

    @Test
    void theDashboardCountsPendingAndOverdueReviewsAndTheMedianTimeToADecision() {
        String partner = program.newPartner();
        String token = tokens.partner(partner);
        clock.set(T0);
        program.newDeal(partner);
        String decided = program.newDeal(partner);
        clock.set(T0.plus(Duration.ofHours(5)));
        assertThat(api.post("/api/deals/" + decided + "/accept", manager, null).status()).isEqualTo(200);
        clock.set(T0.plus(Duration.ofDays(3)));
        awaitDeal(decided, deal -> deal.path("reviewStatus").asString().equals("ACCEPTED"));

        JsonNode dashboard = api.get("/api/dashboard", token).json();
        assertThat(dashboard.path("pendingReviews").asLong()).isEqualTo(1);
        assertThat(dashboard.path("overdueReviews").asLong()).isEqualTo(1);
        assertThat(dashboard.path("medianTimeToDecision").asString()).isEqualTo("PT5H");
    }

    private List<String> endingSoon(String token) {
        return api.get("/api/deals?protectionEndsSoon=true", token).json().path("items").findValuesAsString("dealId");
    }

    /** Every page of the review queue. */
    private List<JsonNode> reviewQueue() {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = api.get("/api/review-queue?size=200&page=" + page, manager).json();
            answer.path("items").forEach(items::add);
            if ((long) (page + 1) * 200 >= answer.path("totalItems").asLong()) {
                return items;
            }
        }
    }

    private JsonNode awaitDeal(String dealId, java.util.function.Predicate<JsonNode> ready) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response response = api.get("/api/deals/" + dealId, manager);
            last[0] = response.status() == 200 ? response.json() : null;
            return Optional.ofNullable(last[0]).map(ready::test).orElse(false);
        });
        return last[0];
    }
}

package com.partnerdeals.app.query;

import static com.partnerdeals.app.query.EventWriter.MANAGER;
import static com.partnerdeals.app.query.EventWriter.consultantOf;
import static com.partnerdeals.app.query.EventWriter.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.Tokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The deal board and the deal detail through HTTP, from events in the real event store. */
@ServiceTest
class DealQueryApiTest {

    static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    @LocalServerPort int port;
    @Autowired EventStore eventStore;
    @Autowired MutableClock clock;

    final Tokens tokens = new Tokens();
    final String partner = freshId("acme");
    final String otherPartner = freshId("initech");
    Api api;
    EventWriter events;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventWriter(eventStore);
    }

    @AfterEach
    void followRealTimeAgain() {
        clock.reset();
    }

    @Test
    void theDetailShowsEverySpecFieldOfAWonDeal() {
        Money value = new Money(new BigDecimal("4800.00"), "EUR");
        Money commission = new Money(new BigDecimal("960.00"), "EUR");
        EventWriter.Events deal = events.deal(partner, "Globex AB", freshId("globex") + ".example", T0,
                        DealFlag.DOMAIN_CONFLICT)
                .append(DealAccepted::new, T0.plus(Duration.ofHours(1)), MANAGER)
                .append(id -> new DealNoteAdded(id, "n-1", "consultant@" + partner + ".example", "Demo booked"),
                        T0.plus(Duration.ofDays(1)), consultantOf(partner))
                .append(id -> new DealTrialStarted(id, "customer-1", T0.plus(Duration.ofDays(16))),
                        T0.plus(Duration.ofDays(2)), consultantOf(partner))
                .append(id -> new DealStageChanged(id, DealStage.NEW, DealStage.TRIAL), T0.plus(Duration.ofDays(2)),
                        consultantOf(partner))
                .append(id -> new DealClosedWon(id, DealStage.TRIAL, BillingOption.INVOICE, value, new BigDecimal("0.20"),
                        commission, Settlement.of(BillingOption.INVOICE, value, commission)),
                        T0.plus(Duration.ofDays(30)), consultantOf(partner));

        Api.Response detail = awaitDeal(deal.id(), 5);

        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.at("/dealId")).isEqualTo(deal.id());
        assertThat(detail.at("/partnerId")).isEqualTo(partner);
        assertThat(detail.at("/customer/companyName")).isEqualTo("Globex AB");
        assertThat(detail.at("/customer/contactName")).isEqualTo("Greta Svensson");
        assertThat(detail.at("/customer/contactEmail")).endsWith(".example").startsWith("greta@globex-");
        assertThat(detail.at("/customer/country")).isEqualTo("SE");
        assertThat(detail.at("/customer/domain")).startsWith("globex-");
        assertThat(detail.at("/estimatedUsers")).isEqualTo("25");
        assertThat(detail.at("/note")).isEqualTo("Interested in ISO 27001");
        assertThat(detail.at("/stage")).isEqualTo("CLOSED_WON");
        assertThat(detail.at("/reviewStatus")).isEqualTo("ACCEPTED");
        assertThat(detail.json().get("denial").isNull()).isTrue();
        assertThat(detail.at("/notes/0/noteId")).isEqualTo("n-1");
        assertThat(detail.at("/notes/0/author")).isEqualTo("consultant@" + partner + ".example");
        assertThat(detail.at("/notes/0/text")).isEqualTo("Demo booked");
        assertThat(detail.at("/notes/0/addedAt")).isEqualTo("2026-06-02T09:00:00Z");
        assertThat(detail.at("/customerId")).isEqualTo("customer-1");
        assertThat(detail.at("/closeWon/billingOption")).isEqualTo("INVOICE");
        assertThat(detail.json().at("/closeWon/annualValue/amount").isString()).as("money is a string").isTrue();
        assertThat(detail.at("/closeWon/annualValue/amount")).isEqualTo("4800.00");
        assertThat(detail.at("/closeWon/annualValue/currency")).isEqualTo("EUR");
        assertThat(detail.at("/closeWon/commissionRate")).isEqualTo("0.20");
        assertThat(detail.at("/closeWon/commissionAmount/amount")).isEqualTo("960.00");
        assertThat(detail.at("/closeWon/commissionAmount/currency")).isEqualTo("EUR");
        assertThat(detail.at("/closeWon/settlement/type")).isEqualTo("PAYOUT_TO_PARTNER");
        assertThat(detail.at("/closeWon/settlement/payoutToPartner/amount")).isEqualTo("960.00");
        assertThat(detail.at("/closeWon/settlement/invoiceToPartner")).isNull();
        assertThat(detail.json().get("closeLostReason").isNull()).isTrue();
        assertThat(detail.at("/registeredAt")).isEqualTo("2026-06-01T09:00:00Z");
        assertThat(detail.at("/lastPartnerActionAt")).isEqualTo("2026-06-03T09:00:00Z");
        assertThat(detail.json().get("protectedUntil").isNull()).as("a won deal protects for good").isTrue();
        assertThat(detail.at("/protectionLapsed")).isEqualTo("false");
        assertThat(strings(detail.json().get("flags"))).containsExactly("DOMAIN_CONFLICT");
        assertThat(detail.at("/version")).isEqualTo("5");

        Api.Response asPartner = api.get("/api/deals/" + deal.id(), tokens.partner(partner));
        assertThat(asPartner.status()).isEqualTo(200);
        assertThat(asPartner.json().path("flags").isMissingNode() || asPartner.json().get("flags").isNull())
                .as("flags are for managers only").isTrue();
    }

    @Test
    void protectionLapsesWithTheClockAndAtOnceForADeniedDeal() {
        EventWriter.Events open = events.deal(partner, T0)
                .append(id -> new DealNoteAdded(id, "n-1", "consultant@x", "Call"), T0.plus(Duration.ofDays(10)),
                        consultantOf(partner));
        EventWriter.Events denied = events.deal(partner, T0)
                .append(id -> new DealDenied(id, DenialReason.OTHER, "Not a real lead"), T0.plus(Duration.ofDays(1)), MANAGER);
        awaitDeal(open.id(), 1);
        awaitDeal(denied.id(), 1);

        clock.set(T0.plus(Duration.ofDays(100)).minusSeconds(1));
        Api.Response stillProtected = api.get("/api/deals/" + open.id(), tokens.partner(partner));
        assertThat(stillProtected.at("/protectedUntil")).isEqualTo("2026-09-09T09:00:00Z");
        assertThat(stillProtected.at("/protectionLapsed")).isEqualTo("false");

        clock.set(T0.plus(Duration.ofDays(100)));
        assertThat(api.get("/api/deals/" + open.id(), tokens.partner(partner)).at("/protectionLapsed")).isEqualTo("true");

        clock.set(T0.plus(Duration.ofDays(2)));
        Api.Response deniedDeal = api.get("/api/deals/" + denied.id(), tokens.partner(partner));
        assertThat(deniedDeal.at("/protectionLapsed")).isEqualTo("true");
        assertThat(deniedDeal.at("/reviewStatus")).isEqualTo("DENIED");
        assertThat(deniedDeal.at("/denial/reason")).isEqualTo("OTHER");
        assertThat(deniedDeal.at("/denial/comment")).isEqualTo("Not a real lead");
    }

    @Test
    void theBoardShowsAPartnerItsOwnDealsNewestFirstFilteredAndPaged() {
        String tag = freshId("board");
        EventWriter.Events first = events.deal(partner, "Alpha " + tag, tag + "-alpha.example", T0);
        EventWriter.Events second = events.deal(partner, "Beta", tag + "-beta.example", T0.plusSeconds(60))
                .append(DealAccepted::new, T0.plusSeconds(120), MANAGER);
        EventWriter.Events third = events.deal(partner, "Gamma", freshId("gamma") + ".example", T0.plusSeconds(180))
                .append(id -> new DealStageChanged(id, DealStage.NEW, DealStage.TRIAL), T0.plusSeconds(240),
                        consultantOf(partner));
        EventWriter.Events others = events.deal(otherPartner, "Alpha " + tag, tag + "-other.example", T0);
        awaitDeal(second.id(), 1);
        awaitDeal(third.id(), 1);
        awaitDeal(first.id(), 0);
        awaitDeal(others.id(), 0);
        String token = tokens.partner(partner);

        Api.Response all = api.get("/api/deals", token);
        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all)).containsExactly(third.id(), second.id(), first.id());
        assertThat(all.at("/page")).isEqualTo("0");
        assertThat(all.at("/size")).isEqualTo("50");
        assertThat(all.at("/totalItems")).isEqualTo("3");
        assertThat(all.at("/items/2/companyName")).isEqualTo("Alpha " + tag);
        assertThat(all.at("/items/2/domain")).isEqualTo(tag + "-alpha.example");
        assertThat(all.at("/items/2/stage")).isEqualTo("NEW");
        assertThat(all.at("/items/2/reviewStatus")).isEqualTo("PENDING");
        assertThat(all.at("/items/2/registeredAt")).isEqualTo("2026-06-01T09:00:00Z");
        assertThat(all.at("/items/2/flags")).isNull();

        Api.Response page = api.get("/api/deals?page=1&size=2", token);
        assertThat(ids(page)).containsExactly(first.id());
        assertThat(page.at("/page")).isEqualTo("1");
        assertThat(page.at("/size")).isEqualTo("2");
        assertThat(page.at("/totalItems")).isEqualTo("3");

        assertThat(ids(api.get("/api/deals?stage=TRIAL", token))).containsExactly(third.id());
        assertThat(ids(api.get("/api/deals?stage=TRIAL&stage=NEW&reviewStatus=PENDING", token)))
                .as("any of the stages, and the review status").containsExactly(third.id(), first.id());
        assertThat(ids(api.get("/api/deals?reviewStatus=ACCEPTED", token))).containsExactly(second.id());
        assertThat(ids(api.get("/api/deals?reviewStatus=PENDING&stage=NEW", token))).containsExactly(first.id());
        assertThat(ids(api.get("/api/deals?q=" + tag.toUpperCase(), token)))
                .as("company name or domain, case-insensitive").containsExactly(second.id(), first.id());
        assertThat(ids(api.get("/api/deals?q=alpha+" + tag, token))).containsExactly(first.id());
        assertThat(ids(api.get("/api/deals?partnerId=" + otherPartner, token)))
                .as("a partner's filter is always itself").containsExactly(third.id(), second.id(), first.id());
    }

    @Test
    void vendorStaffSeeEveryPartnersDealsAndTheirFlags() {
        String tag = freshId("staff");
        EventWriter.Events ours = events.deal(partner, "Ours", tag + "-a.example", T0, DealFlag.EXISTING_CUSTOMER);
        EventWriter.Events theirs = events.deal(otherPartner, "Theirs", tag + "-b.example", T0.plusSeconds(1));
        awaitDeal(ours.id(), 0);
        awaitDeal(theirs.id(), 0);

        Api.Response both = api.get("/api/deals?q=" + tag, tokens.manager());
        assertThat(ids(both)).containsExactly(theirs.id(), ours.id());
        assertThat(strings(both.json().at("/items/1/flags"))).containsExactly("EXISTING_CUSTOMER");
        assertThat(ids(api.get("/api/deals?q=" + tag + "&partnerId=" + otherPartner, tokens.manager())))
                .containsExactly(theirs.id());
    }

    @Test
    void badPagingAndFiltersAreValidationFailures() {
        for (String query : List.of("size=0", "size=201", "page=-1", "page=first", "stage=WON", "reviewStatus=MAYBE")) {
            Api.Response response = api.get("/api/deals?" + query, tokens.partner(partner));
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("VALIDATION_FAILED");
            assertThat(response.header("content-type")).startsWith("application/problem+json");
            assertThat(response.at("/errors/0/field")).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
        }
        assertThat(api.get("/api/deals?size=200&page=3", tokens.partner(partner)).status()).isEqualTo(200);
        assertThat(api.get("/api/deals?size=1", tokens.partner(partner)).status()).isEqualTo(200);
    }

    @Test
    void anotherPartnersDealIsNotFoundAndAnUnknownOneNeither() {
        EventWriter.Events deal = events.deal(partner, T0);
        awaitDeal(deal.id(), 0);

        Api.Response foreign = api.get("/api/deals/" + deal.id(), tokens.partner(otherPartner));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/deals/" + UUID.randomUUID(), tokens.manager()).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/deals", tokens.partner(otherPartner)))).doesNotContain(deal.id());
    }

    @Test
    void theProductAndStrangersMayNotRead() {
        EventWriter.Events deal = events.deal(partner, T0);
        for (String path : List.of("/api/deals", "/api/deals/" + deal.id(), "/api/deals/" + deal.id() + "/history",
                "/api/deals/" + deal.id() + "/state?asOf=2026-06-02T00:00:00Z")) {
            Api.Response system = api.get(path, tokens.system());
            assertThat(system.status()).as(path).isEqualTo(403);
            assertThat(system.code()).as(path).isEqualTo("FORBIDDEN");
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(api.get(path, "not-a-token").status()).as(path).isEqualTo(401);
        }
    }

    private Api.Response awaitDeal(String dealId, long version) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/deals/" + dealId, tokens.manager()),
                        response -> response.status() == 200 && Long.parseLong(response.at("/version")) == version);
    }

    private static List<String> ids(Api.Response board) {
        assertThat(board.status()).as(board.toString()).isEqualTo(200);
        return StreamSupport.stream(board.json().get("items").spliterator(), false)
                .map(item -> item.get("dealId").asString())
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}

package com.partnerdeals.app.query;

import static com.partnerdeals.app.query.EventWriter.MANAGER;
import static com.partnerdeals.app.query.EventWriter.consultantOf;
import static com.partnerdeals.app.query.EventWriter.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A deal's audit trail and its state at an instant, read from the event store itself: they answer at once,
 * without waiting for the projections.
 */
@ServiceTest
class DealHistoryApiTest {

    static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");

    @LocalServerPort int port;
    @Autowired EventStore eventStore;

    final Tokens tokens = new Tokens();
    final String partner = freshId("acme");
    Api api;
    EventWriter events;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventWriter(eventStore);
    }

    EventWriter.Events dealWithAHistory() {
        return events.deal(partner, "Globex AB", freshId("globex") + ".example", T0)
                .append(DealAccepted::new, T0.plus(Duration.ofDays(1)), MANAGER)
                .append(id -> new DealNoteAdded(id, "n-1", "consultant@" + partner + ".example", "Demo on Friday"),
                        T0.plus(Duration.ofDays(2)), consultantOf(partner))
                .append(id -> new DealTrialStarted(id, "customer-9", T0.plus(Duration.ofDays(17))),
                        T0.plus(Duration.ofDays(3)), consultantOf(partner))
                .append(id -> new DealStageChanged(id, DealStage.NEW, DealStage.TRIAL), T0.plus(Duration.ofDays(3)),
                        consultantOf(partner))
                .append(id -> new DealClosedLost(id, DealStage.TRIAL, "Chose a competitor"),
                        T0.plus(Duration.ofDays(20)), MANAGER);
    }

    @Test
    void theHistoryNamesEveryEventAndWhoCausedItInOrder() {
        EventWriter.Events deal = dealWithAHistory();

        Api.Response history = api.get("/api/deals/" + deal.id() + "/history", tokens.partner(partner));

        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().size()).isEqualTo(6);
        assertThat(List.of(0, 1, 2, 3, 4, 5)).allSatisfy(i ->
                assertThat(history.at("/" + i + "/sequence")).isEqualTo(String.valueOf(i)));
        assertThat(List.of(0, 1, 2, 3, 4, 5).stream().map(i -> history.at("/" + i + "/eventType")).toList())
                .containsExactly("DealRegistered", "DealAccepted", "DealNoteAdded", "DealTrialStarted",
                        "DealStageChanged", "DealClosedLost");
        assertThat(history.at("/0/occurredAt")).isEqualTo("2026-07-01T08:00:00Z");
        assertThat(history.at("/0/actor/subject")).isEqualTo("consultant@" + partner + ".example");
        assertThat(history.at("/0/actor/roles/0")).isEqualTo("PARTNER");
        assertThat(history.at("/0/data/partnerId")).isEqualTo(partner);
        assertThat(history.at("/0/data/customer/companyName")).isEqualTo("Globex AB");
        assertThat(history.at("/1/occurredAt")).isEqualTo("2026-07-02T08:00:00Z");
        assertThat(history.at("/1/actor/subject")).isEqualTo("manager@vendor.example");
        assertThat(history.at("/1/actor/roles/0")).isEqualTo("PARTNER_MANAGER");
        assertThat(history.at("/1/data/dealId")).isEqualTo(deal.id());
        assertThat(history.at("/2/data/text")).isEqualTo("Demo on Friday");
        assertThat(history.at("/3/data/trialEndsAt")).isEqualTo("2026-07-18T08:00:00Z");
        assertThat(history.at("/4/data/to")).isEqualTo("TRIAL");
        assertThat(history.at("/5/data/reason")).isEqualTo("Chose a competitor");
        assertThat(api.get("/api/deals/" + deal.id() + "/history", tokens.manager()).json().size()).isEqualTo(6);
    }

    @Test
    void theStateAsOfAnInstantIsTheDealAsItStoodThen() {
        EventWriter.Events deal = dealWithAHistory();
        String path = "/api/deals/" + deal.id() + "/state?asOf=";

        Api.Response afterTheNote = api.get(path + "2026-07-03T12:00:00Z", tokens.partner(partner));
        assertThat(afterTheNote.status()).isEqualTo(200);
        assertThat(afterTheNote.at("/dealId")).isEqualTo(deal.id());
        assertThat(afterTheNote.at("/customer/companyName")).isEqualTo("Globex AB");
        assertThat(afterTheNote.at("/stage")).isEqualTo("NEW");
        assertThat(afterTheNote.at("/reviewStatus")).isEqualTo("ACCEPTED");
        assertThat(afterTheNote.at("/notes/0/text")).isEqualTo("Demo on Friday");
        assertThat(afterTheNote.at("/customerId")).isNull();
        assertThat(afterTheNote.at("/lastPartnerActionAt")).isEqualTo("2026-07-03T08:00:00Z");
        assertThat(afterTheNote.at("/protectedUntil")).isEqualTo("2026-10-01T08:00:00Z");
        assertThat(afterTheNote.at("/protectionLapsed")).isEqualTo("false");
        assertThat(afterTheNote.at("/flags")).isNull();
        assertThat(afterTheNote.at("/version")).isEqualTo("2");

        Api.Response atTheRegistration = api.get(path + "2026-07-01T08:00:00Z", tokens.manager());
        assertThat(atTheRegistration.at("/reviewStatus")).isEqualTo("PENDING");
        assertThat(atTheRegistration.at("/version")).isEqualTo("0");
        assertThat(atTheRegistration.json().get("flags").isArray()).as("managers see the flags").isTrue();

        Api.Response lost = api.get(path + "2026-08-01T00:00:00Z", tokens.partner(partner));
        assertThat(lost.at("/stage")).isEqualTo("CLOSED_LOST");
        assertThat(lost.at("/closeLostReason")).isEqualTo("Chose a competitor");
        assertThat(lost.at("/customerId")).isEqualTo("customer-9");
        assertThat(lost.at("/protectionLapsed")).isEqualTo("true");
        assertThat(lost.at("/version")).isEqualTo("5");
    }

    @Test
    void protectionInTheStateIsJudgedAsOfTheInstant() {
        EventWriter.Events deal = events.deal(partner, T0);
        String path = "/api/deals/" + deal.id() + "/state?asOf=";

        assertThat(api.get(path + "2026-09-29T07:59:59Z", tokens.partner(partner)).at("/protectionLapsed"))
                .isEqualTo("false");
        assertThat(api.get(path + "2026-09-29T08:00:00Z", tokens.partner(partner)).at("/protectionLapsed"))
                .isEqualTo("true");
    }

    @Test
    void beforeTheDealExistedThereIsNoState() {
        EventWriter.Events deal = events.deal(partner, T0);

        Api.Response before = api.get("/api/deals/" + deal.id() + "/state?asOf=2026-07-01T07:59:59Z", tokens.manager());
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aMissingOrUnreadableInstantIsAValidationFailure() {
        EventWriter.Events deal = events.deal(partner, T0);

        for (String query : List.of("", "?asOf=", "?asOf=yesterday", "?asOf=2026-07-01")) {
            Api.Response response = api.get("/api/deals/" + deal.id() + "/state" + query, tokens.partner(partner));
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("VALIDATION_FAILED");
            assertThat(response.at("/errors/0/field")).as(query).isEqualTo("asOf");
        }
    }

    @Test
    void anotherPartnersOrAnUnknownDealHasNoHistoryNorState() {
        EventWriter.Events deal = events.deal(partner, T0);
        String stranger = tokens.partner(freshId("initech"));

        assertThat(api.get("/api/deals/" + deal.id() + "/history", stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/deals/" + deal.id() + "/state?asOf=2026-08-01T00:00:00Z", stranger).status())
                .isEqualTo(404);
        Api.Response unknown = api.get("/api/deals/" + UUID.randomUUID() + "/history", tokens.manager());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anotherAggregatesEventsAreNoDealHistory() {
        String partnerId = freshId("partner");
        events.partner(partnerId, T0);

        assertThat(api.get("/api/deals/" + partnerId + "/history", tokens.manager()).status()).isEqualTo(404);
        assertThat(api.get("/api/deals/" + partnerId + "/state?asOf=2026-08-01T00:00:00Z", tokens.manager()).status())
                .isEqualTo(404);
    }
}

package com.partnerdeals.app.query;

import static com.partnerdeals.app.query.EventWriter.MANAGER;
import static com.partnerdeals.app.query.EventWriter.consultantOf;
import static com.partnerdeals.app.query.EventWriter.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard through HTTP: a partner's own figures; vendor staff's for everyone or one partner. */
@ServiceTest
class DashboardApiTest {

    static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

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

    @Test
    void aPartnerSeesItsOwnDealFigures() {
        EventWriter.Events pending = events.deal(partner, "Oldest Pending AB", freshId("oldest") + ".example", T0);
        events.deal(partner, T0.plusSeconds(3600));
        EventWriter.Events trial = events.deal(partner, T0.plusSeconds(60)).append(DealAccepted::new, T0.plusSeconds(120), MANAGER)
                .append(id -> new DealStageChanged(id, DealStage.NEW, DealStage.TRIAL), T0.plusSeconds(180),
                        consultantOf(partner));
        EventWriter.Events won1 = won("4800.00", "EUR", "960.00");
        EventWriter.Events won2 = won("202.50", "EUR", "40.50");
        EventWriter.Events won3 = won("1000.00", "SEK", "200.00");
        EventWriter.Events lost = events.deal(partner, T0).append(DealAccepted::new, T0, MANAGER)
                .append(id -> new DealClosedLost(id, DealStage.NEW, "No budget"), T0, consultantOf(partner));
        events.deal(freshId("initech"), T0.minusSeconds(3600));
        for (EventWriter.Events deal : new EventWriter.Events[] {trial, won1, won2, won3, lost}) {
            awaitDeal(deal);
        }
        awaitDeal(pending);

        Api.Response dashboard = api.get("/api/dashboard", tokens.partner(partner));

        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.at("/dealsByStage/NEW")).isEqualTo("2");
        assertThat(dashboard.at("/dealsByStage/NEWSLETTER_SUBSCRIPTION")).isEqualTo("0");
        assertThat(dashboard.at("/dealsByStage/TRIAL")).isEqualTo("1");
        assertThat(dashboard.at("/dealsByStage/CLOSED_WON")).isEqualTo("3");
        assertThat(dashboard.at("/dealsByStage/CLOSED_LOST")).isEqualTo("1");
        assertThat(dashboard.at("/dealsByReviewStatus/PENDING")).isEqualTo("2");
        assertThat(dashboard.at("/dealsByReviewStatus/ACCEPTED")).isEqualTo("5");
        assertThat(dashboard.at("/dealsByReviewStatus/DENIED")).isEqualTo("0");
        assertThat(dashboard.at("/oldestPendingReview/dealId")).isEqualTo(pending.id());
        assertThat(dashboard.at("/oldestPendingReview/companyName")).isEqualTo("Oldest Pending AB");
        assertThat(dashboard.at("/oldestPendingReview/registeredAt")).isEqualTo("2026-04-01T09:00:00Z");
        assertThat(dashboard.json().at("/winRate").isString()).isTrue();
        assertThat(dashboard.at("/winRate")).isEqualTo("0.7500");
        assertThat(dashboard.at("/commissionTotals/0/currency")).isEqualTo("EUR");
        assertThat(dashboard.at("/commissionTotals/0/amount")).isEqualTo("1000.50");
        assertThat(dashboard.at("/commissionTotals/1/currency")).isEqualTo("SEK");
        assertThat(dashboard.at("/commissionTotals/1/amount")).isEqualTo("200.00");
        assertThat(dashboard.json().at("/commissionTotals").size()).isEqualTo(2);

        assertThat(api.get("/api/dashboard?partnerId=" + partner, tokens.manager()).json()).isEqualTo(dashboard.json());
        assertThat(api.get("/api/dashboard?partnerId=" + freshId("other"), tokens.partner(partner)).json())
                .as("a partner's dashboard is always its own").isEqualTo(dashboard.json());
    }

    @Test
    void aPartnerWithoutDealsHasZerosAndNoRate() {
        Api.Response dashboard = api.get("/api/dashboard", tokens.partner(freshId("newcomer")));

        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.at("/dealsByStage/NEW")).isEqualTo("0");
        assertThat(dashboard.at("/dealsByStage/CLOSED_WON")).isEqualTo("0");
        assertThat(dashboard.json().get("oldestPendingReview").isNull()).isTrue();
        assertThat(dashboard.json().get("winRate").isNull()).isTrue();
        assertThat(dashboard.json().get("commissionTotals").isEmpty()).isTrue();
    }

    @Test
    void vendorStaffSeeEveryonesFigures() {
        Api.Response all = api.get("/api/dashboard", tokens.manager());

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("dealsByStage").size()).isEqualTo(DealStage.values().length);
    }

    @Test
    void theProductAndStrangersMayNotRead() {
        assertThat(api.get("/api/dashboard", tokens.system()).status()).isEqualTo(403);
        assertThat(api.get("/api/dashboard", null).status()).isEqualTo(401);
    }

    private EventWriter.Events won(String annualValue, String currency, String commission) {
        Money value = new Money(new BigDecimal(annualValue), currency);
        Money commissionAmount = new Money(new BigDecimal(commission), currency);
        Function<String, Object> closeWon = id -> new DealClosedWon(id, DealStage.NEW, BillingOption.CREDIT_CARD, value,
                new BigDecimal("0.20"), commissionAmount, Settlement.of(BillingOption.CREDIT_CARD, value, commissionAmount));
        return events.deal(partner, T0.plusSeconds(30)).append(DealAccepted::new, T0.plusSeconds(40), MANAGER)
                .append(closeWon, T0.plusSeconds(50), consultantOf(partner));
    }

    private void awaitDeal(EventWriter.Events deal) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/deals/" + deal.id(), tokens.manager()),
                        response -> response.status() == 200
                                && Long.parseLong(response.at("/version")) == deal.version());
    }
}

package com.partnerdeals.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.dashboard.Dashboard;
import com.partnerdeals.api.dashboard.FindDashboard;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.query.ReadModelDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard counts what the deal views hold; the rows here are as the deal-views projection writes them. */
class DashboardQueriesTest {

    static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    JdbcClient jdbc;
    DashboardQueries queries;

    @BeforeEach
    void setUp() {
        jdbc = ReadModelDatabase.migrated().jdbc();
        queries = new DashboardQueries(jdbc, Clock.fixed(T0, ZoneOffset.UTC),
                new PortalProperties(null, null, null, null, null, null, null, null));
    }

    @Test
    void withoutDealsEveryCountIsZeroAndNothingIsRated() {
        Dashboard dashboard = queries.handle(new FindDashboard(Viewer.partner("acme"), null));

        assertThat(dashboard.dealsByStage()).containsOnlyKeys(DealStage.values()).allSatisfy((stage, n) -> assertThat(n).isZero());
        assertThat(dashboard.dealsByReviewStatus()).containsOnlyKeys(ReviewStatus.values());
        assertThat(dashboard.oldestPendingReview()).isNull();
        assertThat(dashboard.winRate()).isNull();
        assertThat(dashboard.commissionTotals()).isEmpty();
    }

    @Test
    void countsThePartnersDealsByStageAndReview() {
        deal("a1", "acme", "NEW", "PENDING", 3);
        deal("a2", "acme", "TRIAL", "ACCEPTED", 2);
        deal("a3", "acme", "NEW", "DENIED", 1);
        deal("i1", "initech", "NEW", "PENDING", 0);

        Dashboard dashboard = queries.handle(new FindDashboard(Viewer.partner("acme"), "initech"));

        assertThat(dashboard.dealsByStage()).containsEntry(DealStage.NEW, 2L).containsEntry(DealStage.TRIAL, 1L)
                .containsEntry(DealStage.CLOSED_WON, 0L);
        assertThat(dashboard.dealsByReviewStatus()).containsEntry(ReviewStatus.PENDING, 1L)
                .containsEntry(ReviewStatus.ACCEPTED, 1L).containsEntry(ReviewStatus.DENIED, 1L);
    }

    @Test
    void vendorStaffSeeEveryoneOrOnePartner() {
        deal("a1", "acme", "NEW", "PENDING", 3);
        deal("i1", "initech", "NEW", "PENDING", 0);

        assertThat(queries.handle(new FindDashboard(Viewer.vendorStaff(), null)).dealsByStage())
                .containsEntry(DealStage.NEW, 2L);
        assertThat(queries.handle(new FindDashboard(Viewer.vendorStaff(), "initech")).dealsByStage())
                .containsEntry(DealStage.NEW, 1L);
    }

    @Test
    void theOldestPendingReviewIsTheEarliestRegisteredPendingDeal() {
        deal("a1", "acme", "NEW", "PENDING", 3);
        deal("a2", "acme", "TRIAL", "PENDING", 5);
        deal("a3", "acme", "NEW", "ACCEPTED", 9);

        Dashboard dashboard = queries.handle(new FindDashboard(Viewer.partner("acme"), null));

        assertThat(dashboard.oldestPendingReview())
                .isEqualTo(new Dashboard.PendingReview("a2", "Company a2", T0.minusSeconds(5 * 86400)));
    }

    @Test
    void theWinRateIsWonOverClosedAndCommissionIsSummedPerCurrency() {
        won("a1", "acme", "960.00", "EUR");
        won("a2", "acme", "40.50", "EUR");
        won("a3", "acme", "1000.00", "SEK");
        deal("a4", "acme", "CLOSED_LOST", "ACCEPTED", 1);
        deal("a5", "acme", "TRIAL", "ACCEPTED", 1);
        won("i1", "initech", "5.00", "EUR");

        Dashboard dashboard = queries.handle(new FindDashboard(Viewer.partner("acme"), null));

        assertThat(dashboard.winRate()).isEqualByComparingTo("0.75");
        assertThat(dashboard.winRate().toPlainString()).isEqualTo("0.7500");
        assertThat(dashboard.commissionTotals()).containsExactly(
                new Money(new BigDecimal("1000.50"), "EUR"), new Money(new BigDecimal("1000.00"), "SEK"));
    }

    @Test
    void pendingAndOverdueReviewsLeaveOutWithdrawnDeals() {
        deal("a1", "acme", "NEW", "PENDING", 3);
        deal("a2", "acme", "TRIAL", "PENDING", 1);
        deal("a3", "acme", "WITHDRAWN", "PENDING", 5);
        deal("a4", "acme", "NEW", "ACCEPTED", 9);

        Dashboard dashboard = queries.handle(new FindDashboard(Viewer.partner("acme"), null));

        assertThat(dashboard).extracting(Dashboard::pendingReviews, Dashboard::overdueReviews).containsExactly(2L, 1L);
        assertThat(dashboard.oldestPendingReview().dealId()).isEqualTo("a1");
    }

    @Test
    void theMedianTimeToDecisionCountsManagersDecisionsOfTheLast90Days() {
        decided("a1", 10, Duration.ofHours(2), "PARTNER_MANAGER");
        decided("a2", 20, Duration.ofHours(30), "PARTNER_MANAGER");
        decided("a3", 30, Duration.ofHours(50), "PARTNER_MANAGER");
        decided("a4", 5, Duration.ZERO, "AUTO_ACCEPT");
        decided("a5", 100, Duration.ofHours(500), "PARTNER_MANAGER");

        assertThat(queries.handle(new FindDashboard(Viewer.partner("acme"), null)).medianTimeToDecision())
                .isEqualTo("PT30H");
        assertThat(queries.handle(new FindDashboard(Viewer.partner("initech"), null)).medianTimeToDecision()).isNull();
        assertThat(DashboardQueries.median(List.of(Duration.ofHours(1), Duration.ofHours(4)))).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void winRatesAreRoundedToFourDecimals() {
        assertThat(DashboardQueries.winRate(2, 1).toPlainString()).isEqualTo("0.6667");
        assertThat(DashboardQueries.winRate(0, 3).toPlainString()).isEqualTo("0.0000");
        assertThat(DashboardQueries.winRate(0, 0)).isNull();
    }

    private void deal(String dealId, String partnerId, String stage, String review, int daysAgo) {
        OffsetDateTime registered = OffsetDateTime.ofInstant(T0.minusSeconds(daysAgo * 86400L), ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO deal_view (deal_id, partner_id, company_name, contact_name, contact_email, domain, flags,
                            stage, review_status, registered_at, last_partner_action_at, version)
                        VALUES (?, ?, ?, 'Contact', 'contact@example.com', ?, '', ?, ?, ?, ?, 0)""")
                .params(dealId, partnerId, "Company " + dealId, dealId + ".example", stage, review, registered, registered)
                .update();
    }

    /** Registered {@code decidedDaysAgo} days ago plus how long the decision took. */
    private void decided(String dealId, int decidedDaysAgo, Duration took, String decidedBy) {
        Instant decidedAt = T0.minus(Duration.ofDays(decidedDaysAgo));
        deal(dealId, "acme", "NEW", "ACCEPTED", 0);
        jdbc.sql("UPDATE deal_view SET registered_at = ?, review_decided_at = ?, decided_by = ? WHERE deal_id = ?")
                .params(decidedAt.minus(took).atOffset(ZoneOffset.UTC), decidedAt.atOffset(ZoneOffset.UTC), decidedBy, dealId)
                .update();
    }

    private void won(String dealId, String partnerId, String commission, String currency) {
        deal(dealId, partnerId, "CLOSED_WON", "ACCEPTED", 1);
        jdbc.sql("UPDATE deal_view SET commission_amount = ?, currency = ? WHERE deal_id = ?")
                .params(new BigDecimal(commission), currency, dealId)
                .update();
    }
}

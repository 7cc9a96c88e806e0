package com.partnerdeals.query.dashboard;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.dashboard.Dashboard;
import com.partnerdeals.api.dashboard.FindDashboard;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.platform.config.PortalProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's deal figures, counted from the deal views ({@code deal_view}, kept by the deal-views
 * projection) at the time of asking.
 */
@Component
class DashboardQueries {

    /** Waiting for a decision; a withdrawn deal waits for nothing. */
    private static final String PENDING = "review_status = 'PENDING' AND stage <> 'WITHDRAWN'";

    private static final Duration DECISION_WINDOW = Duration.ofDays(90);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration reviewDueWithin;

    DashboardQueries(JdbcClient jdbc, Clock clock, PortalProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.reviewDueWithin = properties.review().dueWithin();
    }

    @QueryHandler
    Dashboard handle(FindDashboard query) {
        String partnerId = query.viewer().isVendorStaff() ? query.partnerId() : query.viewer().partnerId();
        Scope scope = new Scope(partnerId);
        Map<DealStage, Long> byStage = countBy("stage", DealStage.class, scope);
        // Trials ending soon come from the customer overview; the dashboard endpoint adds them.
        Instant now = clock.instant();
        return new Dashboard(byStage,
                countBy("review_status", ReviewStatus.class, scope),
                oldestPendingReview(scope),
                count(scope, PENDING),
                count(scope, PENDING, "registered_at <= :dueBy", "dueBy", now.minus(reviewDueWithin)),
                medianTimeToDecision(scope, now),
                null,
                winRate(byStage.get(DealStage.CLOSED_WON), byStage.get(DealStage.CLOSED_LOST)),
                commissionTotals(scope),
                null);
    }

    /** Every value of {@code type} is listed, also when no deal has it. */
    private <E extends Enum<E>> Map<E, Long> countBy(String column, Class<E> type, Scope scope) {
        Map<E, Long> counts = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            counts.put(value, 0L);
        }
        jdbc.sql("SELECT " + column + ", COUNT(*) FROM deal_view" + scope.where() + " GROUP BY " + column)
                .paramSource(scope.params())
                .query(rs -> {
                    counts.put(Enum.valueOf(type, rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    private Dashboard.PendingReview oldestPendingReview(Scope scope) {
        return jdbc.sql("SELECT deal_id, company_name, registered_at FROM deal_view"
                        + scope.where(PENDING) + " ORDER BY registered_at, deal_id LIMIT 1")
                .paramSource(scope.params())
                .query((rs, row) -> new Dashboard.PendingReview(rs.getString("deal_id"), rs.getString("company_name"),
                        rs.getObject("registered_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElse(null);
    }

    private long count(Scope scope, String condition) {
        return jdbc.sql("SELECT COUNT(*) FROM deal_view" + scope.where(condition))
                .paramSource(scope.params()).query(Long.class).single();
    }

    private long count(Scope scope, String condition, String timeCondition, String name, Instant instant) {
        return jdbc.sql("SELECT COUNT(*) FROM deal_view" + scope.where(condition, timeCondition))
                .paramSource(scope.params().addValue(name, instant.atOffset(ZoneOffset.UTC)))
                .query(Long.class).single();
    }

    /** From the decisions' and registrations' event times, as the deal views keep them. */
    private String medianTimeToDecision(Scope scope, Instant now) {
        List<Duration> times = jdbc.sql("SELECT registered_at, review_decided_at FROM deal_view"
                        + scope.where("decided_by = 'PARTNER_MANAGER'", "review_decided_at >= :since"))
                .paramSource(scope.params().addValue("since", now.minus(DECISION_WINDOW).atOffset(ZoneOffset.UTC)))
                .query((rs, row) -> Duration.between(rs.getObject(1, OffsetDateTime.class),
                        rs.getObject(2, OffsetDateTime.class)))
                .list();
        Duration median = median(times);
        return median != null ? median.truncatedTo(ChronoUnit.MILLIS).toString() : null;
    }

    static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    /** Won / (won + lost), to 4 decimals; null while no deal is closed. */
    static BigDecimal winRate(long won, long lost) {
        if (won + lost == 0) {
            return null;
        }
        return BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, RoundingMode.HALF_EVEN);
    }

    private List<Money> commissionTotals(Scope scope) {
        return jdbc.sql("SELECT currency, SUM(commission_amount) FROM deal_view"
                        + scope.where("stage = 'CLOSED_WON'") + " GROUP BY currency ORDER BY currency")
                .paramSource(scope.params())
                .query((rs, row) -> new Money(rs.getBigDecimal(2), rs.getString(1)))
                .list();
    }

    /** Whose deals are counted: one partner's, or everyone's when {@code partnerId} is null. */
    private record Scope(String partnerId) {

        String where(String... conditions) {
            List<String> all = new ArrayList<>(List.of(conditions));
            if (partnerId != null) {
                all.add("partner_id = :partnerId");
            }
            return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
        }

        MapSqlParameterSource params() {
            return new MapSqlParameterSource("partnerId", partnerId);
        }
    }
}

package com.partnerdeals.query.customer;

import static com.partnerdeals.query.customer.AttentionRules.ACTIVE;
import static com.partnerdeals.query.customer.AttentionRules.CLOSED;
import static com.partnerdeals.query.customer.AttentionRules.IN_TRIAL;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.customer.AttentionCode;
import com.partnerdeals.api.customer.AttentionItem;
import com.partnerdeals.api.customer.CustomerOverview;
import com.partnerdeals.api.customer.CustomerSort;
import com.partnerdeals.api.customer.CustomerStatus;
import com.partnerdeals.api.customer.CustomerView;
import com.partnerdeals.api.customer.TrialsEndingSoon;
import com.partnerdeals.platform.config.PortalProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the customer overview tables. Everything that depends on time (status, attention items, the
 * activity count) is computed in SQL with the request's "now", so it is right at every request.
 */
@Component
class CustomerOverviewRows {

    /** Which accounts a request looks at, and what it filters them by. */
    record Selection(String partnerId, Set<CustomerStatus> statuses, boolean needsAttention, String text) {
    }

    private static final String FLAGS = AttentionRules.CONDITIONS.keySet().stream()
            .map(code -> AttentionRules.flag(code) + " AS " + code.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));

    private static final String COLUMNS = "o.customer_id, o.company_name, o.domain, o.partner_id, o.deal_id, "
            + AttentionRules.STATUS_NOW + " AS status_now, o.main_framework, o.framework_progress, o.users, "
            + "o.last_activity_at, o.trial_ends_at, o.subscribed_at, " + FLAGS + ", ("
            + AttentionRules.count() + ") AS attention_count";

    private final JdbcClient jdbc;
    private final TabCounts tabCounts;
    private final PortalProperties properties;

    CustomerOverviewRows(JdbcClient jdbc, TabCounts tabCounts, PortalProperties properties) {
        this.jdbc = jdbc;
        this.tabCounts = tabCounts;
        this.properties = properties;
    }

    /** A page of the selection in the requested order, with the counts for the filter tabs. */
    CustomerOverview page(Selection selection, CustomerSort sort, PageRequest page, Instant now) {
        Map<String, Object> parameters = parameters(selection, now);
        String scope = scope(selection);
        String filters = filters(selection);
        CustomerOverview.Counts counts = tabCounts.at(selection.partnerId(), now);
        // The tabs' own filters are answered from the counts; only other combinations are counted here.
        long matching = matchingFromCounts(selection) ? matching(selection, counts)
                : jdbc.sql("SELECT COUNT(*) FROM customer_overview o WHERE " + scope + " AND " + filters)
                        .params(parameters).query(Long.class).single();
        parameters.put("limit", page.size());
        parameters.put("offset", page.offset());
        List<CustomerView> items = matching == 0 ? List.of() : views(jdbc.sql("SELECT " + COLUMNS
                        + " FROM customer_overview o WHERE " + scope + " AND " + filters
                        + " ORDER BY " + orderBy(sort) + " LIMIT :limit OFFSET :offset")
                .params(parameters)
                .query(this::row)
                .list(), now);
        return new CustomerOverview(items, page.page(), page.size(), matching, counts);
    }

    /** Whether the filters are one of the tabs (a set of statuses, or needing attention), without text. */
    private static boolean matchingFromCounts(Selection selection) {
        boolean text = selection.text() != null && !selection.text().isBlank();
        return !text && (selection.statuses().isEmpty() || !selection.needsAttention());
    }

    private static long matching(Selection selection, CustomerOverview.Counts counts) {
        if (selection.needsAttention()) {
            return counts.needsAttention();
        }
        if (selection.statuses().isEmpty()) {
            return counts.all();
        }
        return selection.statuses().stream().mapToLong(status -> switch (status) {
            case TRIAL -> counts.trial();
            case ACTIVE -> counts.active();
            case CLOSED -> counts.closed();
        }).sum();
    }

    Optional<CustomerView> find(String customerId, Instant now) {
        Map<String, Object> parameters = AttentionRules.parameters(now, properties);
        parameters.put("customerId", customerId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer_overview o WHERE o.customer_id = :customerId")
                .params(parameters)
                .query(this::row)
                .optional()
                .map(row -> views(List.of(row), now).get(0));
    }

    /** Trials ending within the TRIAL_ENDING threshold, soonest first. */
    TrialsEndingSoon trialsEndingSoon(String partnerId, Instant now, int listed) {
        Map<String, Object> parameters = AttentionRules.parameters(now, properties);
        String scope = partnerId != null ? "o.partner_id = :partnerId AND " : "";
        if (partnerId != null) {
            parameters.put("partnerId", partnerId);
        }
        String condition = scope + AttentionRules.CONDITIONS.get(AttentionCode.TRIAL_ENDING);
        long count = jdbc.sql("SELECT COUNT(*) FROM customer_overview o WHERE " + condition)
                .params(parameters).query(Long.class).single();
        parameters.put("limit", listed);
        List<TrialsEndingSoon.EndingTrial> soonest = jdbc.sql("SELECT o.customer_id, o.company_name, o.partner_id, "
                        + "o.trial_ends_at FROM customer_overview o WHERE " + condition
                        + " ORDER BY o.trial_ends_at, o.customer_id LIMIT :limit")
                .params(parameters)
                .query((rs, row) -> new TrialsEndingSoon.EndingTrial(rs.getString(1), rs.getString(2),
                        rs.getString(3), instant(rs, "trial_ends_at")))
                .list();
        return new TrialsEndingSoon(count, soonest);
    }

    private Map<String, Object> parameters(Selection selection, Instant now) {
        Map<String, Object> parameters = AttentionRules.parameters(now, properties);
        if (selection.partnerId() != null) {
            parameters.put("partnerId", selection.partnerId());
        }
        if (selection.text() != null && !selection.text().isBlank()) {
            parameters.put("text", "%" + likeEscaped(selection.text().trim().toLowerCase(Locale.ROOT)) + "%");
        }
        return parameters;
    }

    private static String scope(Selection selection) {
        return selection.partnerId() != null ? "o.partner_id = :partnerId" : "1 = 1";
    }

    private static String filters(Selection selection) {
        List<String> conditions = new ArrayList<>();
        if (!selection.statuses().isEmpty()) {
            conditions.add("(" + selection.statuses().stream().sorted().map(status -> switch (status) {
                case TRIAL -> IN_TRIAL;
                case ACTIVE -> ACTIVE;
                case CLOSED -> CLOSED;
            }).collect(Collectors.joining(" OR ")) + ")");
        }
        if (selection.needsAttention()) {
            conditions.add(AttentionRules.any());
        }
        if (selection.text() != null && !selection.text().isBlank()) {
            conditions.add("(o.company_name_key LIKE :text ESCAPE '\\' OR o.domain LIKE :text ESCAPE '\\')");
        }
        return conditions.isEmpty() ? "1 = 1" : "(" + String.join(" AND ", conditions) + ")";
    }

    private static String orderBy(CustomerSort sort) {
        String direction = sort.ascending() ? " ASC" : " DESC";
        String key = switch (sort.field()) {
            case COMPANY_NAME -> "o.company_name_key" + direction;
            // The maintained sort key, not the exact count shown (see ActivityWindowRefresh).
            case ACTIVITIES_LAST_90_DAYS -> "o.activities_in_window" + direction + ", o.company_name_key";
            case TRIAL_ENDS_AT -> "o.trial_ends_at" + direction + ", o.company_name_key";
            case ATTENTION_COUNT -> "attention_count" + direction + ", o.company_name_key";
        };
        return key + ", o.customer_id" + (sort.field() == CustomerSort.Field.COMPANY_NAME ? direction : "");
    }

    /** A row as read, before the exact activity count is added. */
    private record Row(String customerId, String companyName, String domain, String partnerId, String dealId,
                       CustomerStatus status, String mainFramework, Integer frameworkProgress, Integer users,
                       Instant lastActivityAt, Instant trialEndsAt, Instant subscribedAt, List<AttentionCode> attention) {
    }

    private Row row(ResultSet rs, int rowNumber) throws SQLException {
        List<AttentionCode> attention = new ArrayList<>();
        for (AttentionCode code : AttentionRules.CONDITIONS.keySet()) {
            if (rs.getInt(code.name().toLowerCase(Locale.ROOT)) == 1) {
                attention.add(code);
            }
        }
        return new Row(rs.getString("customer_id"), rs.getString("company_name"), rs.getString("domain"),
                rs.getString("partner_id"), rs.getString("deal_id"), CustomerStatus.valueOf(rs.getString("status_now")),
                rs.getString("main_framework"), rs.getObject("framework_progress", Integer.class),
                rs.getObject("users", Integer.class), instant(rs, "last_activity_at"), instant(rs, "trial_ends_at"),
                instant(rs, "subscribed_at"), attention);
    }

    /** The rows as views, with their exact activity counts in (now - window, now]. */
    private List<CustomerView> views(List<Row> rows, Instant now) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Long> activities = new HashMap<>();
        // One indexed range count per row; a GROUP BY over an IN list makes H2 scan the whole table.
        jdbc.sql("""
                        SELECT o.customer_id, (SELECT COUNT(*) FROM customer_overview_activity a
                            WHERE a.customer_id = o.customer_id AND a.occurred_at > :windowStart AND a.occurred_at <= :now)
                        FROM customer_overview o WHERE o.customer_id IN (:customerIds)""")
                .param("customerIds", rows.stream().map(Row::customerId).toList())
                .param("windowStart", timestamp(now.minus(properties.overview().activityWindow())))
                .param("now", timestamp(now))
                .query((rs, rowNumber) -> activities.put(rs.getString(1), rs.getLong(2)))
                .list();
        return rows.stream().map(row -> new CustomerView(row.customerId(), row.companyName(), row.domain(),
                row.partnerId(), row.dealId(), row.status(), row.mainFramework(), row.frameworkProgress(), row.users(),
                activities.getOrDefault(row.customerId(), 0L), row.lastActivityAt(), row.trialEndsAt(),
                row.subscribedAt(), row.attention().size(),
                row.attention().stream().map(code -> item(code, row)).toList())).toList();
    }

    private static AttentionItem item(AttentionCode code, Row row) {
        return new AttentionItem(code, switch (code) {
            case TRIAL_ENDING -> "The trial ends at " + row.trialEndsAt() + ".";
            case TRIAL_ENDED_UNDECIDED -> "The trial ended at " + row.trialEndsAt() + " and the deal is still open.";
            case EXTENSION_REQUESTED -> "A trial extension was requested and awaits the partner manager.";
            case INACTIVE -> row.lastActivityAt() == null
                    ? "No activity has been recorded in the account."
                    : "No activity since " + row.lastActivityAt() + ".";
            case NO_FRAMEWORK -> "No main framework has been chosen yet.";
        });
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }
}

package com.partnerdeals.query.customer;

import com.partnerdeals.api.customer.AttentionCode;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The attention items of SPEC section 6 as SQL conditions on an overview row {@code o}, evaluated with the
 * time of the request. Filtering, counting and the items shown all use these conditions, so they agree.
 */
final class AttentionRules {

    /** In trial now: the trial's end has not been reached, whatever events are still on their way. */
    static final String IN_TRIAL = "(o.status = 'TRIAL' AND o.trial_ends_at > :now)";
    static final String ACTIVE = "(o.status = 'ACTIVE')";
    /** Closed now: expired, or in trial past its end before the expiry check has recorded it. */
    static final String CLOSED = "(o.status = 'CLOSED' OR (o.status = 'TRIAL' AND o.trial_ends_at <= :now))";
    static final String STATUS_NOW = "CASE WHEN o.status = 'TRIAL' AND o.trial_ends_at <= :now THEN 'CLOSED' ELSE o.status END";

    /** Each item's condition, in the order items are listed. */
    static final Map<AttentionCode, String> CONDITIONS = new LinkedHashMap<>();

    static {
        CONDITIONS.put(AttentionCode.TRIAL_ENDING, IN_TRIAL + " AND o.trial_ends_at <= :trialEndingBy");
        // A trial closes when it ends, so its end is when it closed. The deal's state is a scalar subquery, looked
        // up by key for each row: PostgreSQL would answer an EXISTS by hashing the whole deal table first, even
        // for a page of fifty rows.
        CONDITIONS.put(AttentionCode.TRIAL_ENDED_UNDECIDED, CLOSED + " AND o.trial_ends_at > :closedSince"
                + " AND COALESCE((SELECT d.is_open FROM customer_overview_deal d WHERE d.deal_id = o.deal_id), FALSE)");
        CONDITIONS.put(AttentionCode.EXTENSION_REQUESTED, "o.extension_requested");
        CONDITIONS.put(AttentionCode.INACTIVE, "(" + IN_TRIAL + " OR " + ACTIVE + ")"
                + " AND o.started_at < :inactiveAccountBefore"
                + " AND (o.last_activity_at IS NULL OR o.last_activity_at <= :inactiveSince)");
        CONDITIONS.put(AttentionCode.NO_FRAMEWORK, IN_TRIAL + " AND o.started_at < :noFrameworkBefore"
                + " AND o.main_framework IS NULL");
    }

    private AttentionRules() {
    }

    /** 1 when the item applies to the row, else 0. */
    static String flag(AttentionCode code) {
        return "(CASE WHEN " + CONDITIONS.get(code) + " THEN 1 ELSE 0 END)";
    }

    /** How many items apply to the row. */
    static String count() {
        return String.join(" + ", CONDITIONS.keySet().stream().map(AttentionRules::flag).toList());
    }

    /** Whether any item applies to the row. */
    static String any() {
        return "(" + String.join(" OR ", CONDITIONS.values().stream().map(c -> "(" + c + ")").toList()) + ")";
    }

    /** The parameters of the conditions for a request at {@code now}. */
    static Map<String, Object> parameters(Instant now, PortalProperties properties) {
        PortalProperties.Attention thresholds = properties.attention();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("now", CustomerOverviewRows.timestamp(now));
        parameters.put("trialEndingBy", CustomerOverviewRows.timestamp(now.plus(thresholds.trialEndingWithin())));
        parameters.put("closedSince", CustomerOverviewRows.timestamp(now.minus(thresholds.trialEndedUndecidedFor())));
        parameters.put("inactiveAccountBefore", CustomerOverviewRows.timestamp(now.minus(thresholds.inactiveMinAccountAge())));
        parameters.put("inactiveSince", CustomerOverviewRows.timestamp(now.minus(thresholds.inactiveAfter())));
        parameters.put("noFrameworkBefore", CustomerOverviewRows.timestamp(now.minus(thresholds.noFrameworkAfter())));
        return parameters;
    }

    /**
     * The instants at which time alone can turn one of the conditions for an account: where each parameter of
     * {@link #parameters}, which moves with the request's time, meets the row's own time. Keep the two in step.
     */
    static Stream<Instant> turningPoints(Instant startedAt, Instant trialEndsAt, Instant lastActivityAt,
                                         PortalProperties properties) {
        PortalProperties.Attention thresholds = properties.attention();
        return Stream.of(
                        trialEndsAt, // now
                        trialEndsAt.minus(thresholds.trialEndingWithin()), // trialEndingBy
                        trialEndsAt.plus(thresholds.trialEndedUndecidedFor()), // closedSince
                        startedAt.plus(thresholds.inactiveMinAccountAge()), // inactiveAccountBefore
                        lastActivityAt != null ? lastActivityAt.plus(thresholds.inactiveAfter()) : null, // inactiveSince
                        startedAt.plus(thresholds.noFrameworkAfter())) // noFrameworkBefore
                .filter(Objects::nonNull);
    }
}

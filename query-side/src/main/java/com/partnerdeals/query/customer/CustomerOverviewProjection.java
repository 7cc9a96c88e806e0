package com.partnerdeals.query.customer;

import static com.partnerdeals.query.customer.CustomerOverviewRows.timestamp;
import static com.partnerdeals.query.customer.TabCounts.DUE_NOW;

import com.partnerdeals.api.common.CustomerDomain;
import com.partnerdeals.api.customer.Activity;
import com.partnerdeals.api.customer.CustomerActivityRecorded;
import com.partnerdeals.api.customer.CustomerUsageReported;
import com.partnerdeals.api.customer.SubscriptionStarted;
import com.partnerdeals.api.customer.TrialExpired;
import com.partnerdeals.api.customer.TrialExtended;
import com.partnerdeals.api.customer.TrialExtensionRequested;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.query.ProjectionConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the customer overview tables: one row per account from its trial events, the open/closed state of
 * deals that have an account, and every activity. Time-dependent answers are left to the queries; a change
 * that can move an account to another tab marks its row for {@link TabCounts} to count again.
 */
@Component
@ProcessingGroup(ProjectionConfiguration.CUSTOMER_OVERVIEW)
class CustomerOverviewProjection {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Clock clock;
    private final PortalProperties properties;

    CustomerOverviewProjection(JdbcClient jdbc, JdbcTemplate batches, Clock clock, PortalProperties properties) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
        this.properties = properties;
    }

    @EventHandler
    void on(TrialStarted event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO customer_overview (customer_id, partner_id, deal_id, company_name, company_name_key,
                            domain, status, started_at, trial_ends_at, extension_requested, activities_in_window,
                            count_due_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'TRIAL', ?, ?, FALSE, 0, ?)""")
                .params(event.customerId(), event.partnerId(), event.dealId(), event.companyName(),
                        event.companyName().toLowerCase(Locale.ROOT), CustomerDomain.of(event.domain()), timestamp(at),
                        timestamp(event.trialEndsAt()), DUE_NOW)
                .update();
    }

    @EventHandler
    void on(DealTrialStarted event) {
        jdbc.sql("INSERT INTO customer_overview_deal (deal_id, is_open) VALUES (?, TRUE)").param(event.dealId()).update();
    }

    @EventHandler
    void on(DealClosedWon event) {
        dealOpen(event.dealId(), false);
    }

    @EventHandler
    void on(DealClosedLost event) {
        dealOpen(event.dealId(), false);
    }

    @EventHandler
    void on(DealReopened event) {
        dealOpen(event.dealId(), true);
    }

    @EventHandler
    void on(TrialExtensionRequested event) {
        jdbc.sql("UPDATE customer_overview SET extension_requested = TRUE, count_due_at = ? WHERE customer_id = ?")
                .params(DUE_NOW, event.customerId()).update();
    }

    @EventHandler
    void on(TrialExtended event) {
        jdbc.sql("UPDATE customer_overview SET status = 'TRIAL', trial_ends_at = ?, extension_requested = FALSE, "
                        + "count_due_at = ? WHERE customer_id = ?")
                .params(timestamp(event.trialEndsAt()), DUE_NOW, event.customerId()).update();
    }

    @EventHandler
    void on(TrialExpired event) {
        jdbc.sql("UPDATE customer_overview SET status = 'CLOSED', count_due_at = ? WHERE customer_id = ?")
                .params(DUE_NOW, event.customerId()).update();
    }

    @EventHandler
    void on(SubscriptionStarted event) {
        jdbc.sql("UPDATE customer_overview SET status = 'ACTIVE', subscribed_at = ?, extension_requested = FALSE, "
                        + "count_due_at = ? WHERE customer_id = ?")
                .params(timestamp(event.startedAt()), DUE_NOW, event.customerId()).update();
    }

    /** Of the usage, only whether a main framework is set counts for a tab (NO_FRAMEWORK). */
    @EventHandler
    void on(CustomerUsageReported event) {
        jdbc.sql("UPDATE customer_overview SET users = ?, main_framework = ?, framework_progress = ?, "
                        + "count_due_at = CASE WHEN (main_framework IS NULL) = ? THEN count_due_at ELSE ? END "
                        + "WHERE customer_id = ?")
                .params(event.users(), event.mainFramework(), event.frameworkProgress(), event.mainFramework() == null,
                        DUE_NOW, event.customerId())
                .update();
    }

    /**
     * Stores the activities (a redelivered one is skipped by the key) and moves the row's last activity and
     * its activity sort key.
     */
    @EventHandler
    void on(CustomerActivityRecorded event) {
        List<Activity> activities = event.activities();
        if (activities.isEmpty()) {
            return;
        }
        int[] inserted = batches.batchUpdate("""
                        INSERT INTO customer_overview_activity (customer_id, occurred_at, activity_id)
                        VALUES (?, ?, ?) ON CONFLICT DO NOTHING""",
                activities, activities.size(), (statement, activity) -> {
                    statement.setString(1, event.customerId());
                    statement.setObject(2, timestamp(activity.occurredAt()));
                    statement.setString(3, activity.activityId());
                })[0];
        List<Instant> stored = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            if (inserted[i] > 0) {
                stored.add(activities.get(i).occurredAt());
            }
        }
        if (stored.isEmpty()) {
            return;
        }
        Instant windowStart = clock.instant().minus(properties.overview().activityWindow());
        List<Instant> inWindow = stored.stream().filter(at -> at.isAfter(windowStart)).toList();
        Instant latest = stored.stream().max(Comparator.naturalOrder()).orElseThrow();
        jdbc.sql("UPDATE customer_overview SET last_activity_at = ?, count_due_at = ? WHERE customer_id = ? "
                        + "AND (last_activity_at IS NULL OR last_activity_at < ?)")
                .params(timestamp(latest), DUE_NOW, event.customerId(), timestamp(latest)).update();
        if (!inWindow.isEmpty()) {
            Instant oldest = inWindow.stream().min(Comparator.naturalOrder()).orElseThrow();
            // Relative, so it adds to whatever a concurrent refresh of the sort key has just written.
            jdbc.sql("""
                            UPDATE customer_overview SET activities_in_window = activities_in_window + ?,
                                window_oldest_at = CASE WHEN window_oldest_at IS NULL OR window_oldest_at > ?
                                                        THEN ? ELSE window_oldest_at END
                            WHERE customer_id = ?""")
                    .params(inWindow.size(), timestamp(oldest), timestamp(oldest), event.customerId()).update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM customer_overview_activity").update();
        jdbc.sql("DELETE FROM customer_overview_deal").update();
        jdbc.sql("DELETE FROM customer_overview").update();
        jdbc.sql("DELETE FROM customer_overview_tab_count").update();
    }

    private void dealOpen(String dealId, boolean open) {
        jdbc.sql("UPDATE customer_overview_deal SET is_open = ? WHERE deal_id = ?").params(open, dealId).update();
        // TRIAL_ENDED_UNDECIDED of the deal's account may have changed.
        jdbc.sql("UPDATE customer_overview SET count_due_at = ? WHERE deal_id = ?").params(DUE_NOW, dealId).update();
    }
}

package com.partnerdeals.query.customer;

import static com.partnerdeals.query.customer.CustomerOverviewRows.timestamp;

import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the sort key of {@code activitiesLast90Days} ({@code activities_in_window}) in step as activities
 * age out of the window. The counts shown are always exact (computed per request for the returned rows);
 * sorting a large set by activity uses this key instead, which is right as of the last refresh
 * ({@code portal.overview.activity-sort-refresh-every}, a minute by default).
 *
 * <p>Only accounts whose oldest counted activity has left the window are recounted, so a refresh touches
 * few rows. A recount locks its rows first and counts in a later statement, which sees every activity
 * committed by then; the projection adds new activities relative to the stored value. Either order of a
 * recount and a concurrent batch gives the right key. Rows the projection holds are skipped until the next
 * refresh rather than waited for, so the two cannot deadlock.
 */
@Component
class ActivityWindowRefresh {

    private static final int BATCH = 500;
    private static final int MAX_ROUNDS = 200;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PortalProperties properties;

    ActivityWindowRefresh(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                          PortalProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${portal.overview.activity-sort-refresh-every:1m}",
            initialDelayString = "${portal.overview.activity-sort-refresh-every:1m}")
    void refresh() {
        Instant windowStart = clock.instant().minus(properties.overview().activityWindow());
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (recount(windowStart) < BATCH) {
                return;
            }
        }
    }

    /** Recounts up to a batch of accounts with activities counted before {@code windowStart}. */
    int recount(Instant windowStart) {
        Integer recounted = transaction.execute(status -> {
            List<String> customerIds = jdbc.sql("""
                            SELECT customer_id FROM customer_overview WHERE window_oldest_at <= :windowStart
                            ORDER BY window_oldest_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                    .param("windowStart", timestamp(windowStart))
                    .param("limit", BATCH)
                    .query(String.class)
                    .list();
            if (!customerIds.isEmpty()) {
                jdbc.sql("""
                                UPDATE customer_overview o SET
                                    activities_in_window = (SELECT COUNT(*) FROM customer_overview_activity a
                                        WHERE a.customer_id = o.customer_id AND a.occurred_at > :windowStart),
                                    window_oldest_at = (SELECT MIN(a.occurred_at) FROM customer_overview_activity a
                                        WHERE a.customer_id = o.customer_id AND a.occurred_at > :windowStart)
                                WHERE o.customer_id IN (:customerIds)""")
                        .param("windowStart", timestamp(windowStart))
                        .param("customerIds", customerIds)
                        .update();
            }
            return customerIds.size();
        });
        return recounted != null ? recounted : 0;
    }
}

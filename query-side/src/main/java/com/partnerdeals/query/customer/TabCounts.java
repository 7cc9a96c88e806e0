package com.partnerdeals.query.customer;

import static com.partnerdeals.query.customer.CustomerOverviewRows.instant;
import static com.partnerdeals.query.customer.CustomerOverviewRows.timestamp;

import com.partnerdeals.api.customer.CustomerOverview;
import com.partnerdeals.api.customer.CustomerStatus;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The overview's tab counts ({@code all, trial, active, closed, needsAttention}), exact at request time
 * without classifying every account at every request.
 *
 * <p>Each account is counted once in {@code customer_overview_tab_count} under its status and attention as
 * of its last count, and carries {@code count_due_at}: the next instant at which time alone can change that
 * classification (its first {@linkplain AttentionRules#turningPoints turning point} still ahead: a trial's
 * end, seven days before it, an account's third and seventh day, fourteen days after its last activity,
 * thirty days after its trial ended), or 1970 once the projection has changed the row. A request adds up
 * the per-partner counts and, in the same statement, moves the accounts that are due from how they were
 * counted to how they stand now. So the counts are exact whatever the scheduled recount has done; the
 * recount only keeps the accounts that are due few, so requests stay fast.
 *
 * <p>The recount locks the due rows it takes with {@code SKIP LOCKED}: it never waits for the projection
 * (which waits for it instead) and several query nodes share the work.
 */
@Component
class TabCounts {

    /** {@code count_due_at} of a row the projection has just changed: it is counted again at once. */
    static final OffsetDateTime DUE_NOW = timestamp(Instant.EPOCH);

    private static final int BATCH = 500;
    private static final int MAX_ROUNDS = 200;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PortalProperties properties;

    TabCounts(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions, Clock clock,
              PortalProperties properties) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
    }

    /** The counts over one partner's accounts, or all accounts when {@code partnerId} is null. */
    CustomerOverview.Counts at(String partnerId, Instant now) {
        Map<String, Object> parameters = AttentionRules.parameters(now, properties);
        String countScope = "";
        String rowScope = "";
        if (partnerId != null) {
            parameters.put("partnerId", partnerId);
            countScope = " WHERE t.partner_id = :partnerId";
            rowScope = " AND o.partner_id = :partnerId";
        }
        Map<Classification, Long> accounts = new HashMap<>();
        // One statement, so the stored counts and the due rows are read from one snapshot.
        jdbc.sql("SELECT t.status, t.needs_attention, SUM(t.accounts) AS accounts FROM customer_overview_tab_count t"
                        + countScope + " GROUP BY t.status, t.needs_attention"
                        + " UNION ALL SELECT o.counted_status, o.counted_attention, -1 FROM customer_overview o"
                        + " WHERE o.count_due_at <= :now AND o.counted_status IS NOT NULL" + rowScope
                        + " UNION ALL SELECT " + AttentionRules.STATUS_NOW + ", " + attentionNow() + ", 1"
                        + " FROM customer_overview o WHERE o.count_due_at <= :now" + rowScope)
                .params(parameters)
                .query(rs -> {
                    accounts.merge(new Classification(CustomerStatus.valueOf(rs.getString(1)), rs.getBoolean(2)),
                            rs.getLong(3), Long::sum);
                });
        long trial = 0;
        long active = 0;
        long closed = 0;
        long attention = 0;
        for (Map.Entry<Classification, Long> entry : accounts.entrySet()) {
            long count = entry.getValue();
            switch (entry.getKey().status()) {
                case TRIAL -> trial += count;
                case ACTIVE -> active += count;
                case CLOSED -> closed += count;
            }
            if (entry.getKey().needsAttention()) {
                attention += count;
            }
        }
        return new CustomerOverview.Counts(trial + active + closed, trial, active, closed, attention);
    }

    @Scheduled(fixedDelayString = "${portal.overview.tab-count-refresh-every:10s}",
            initialDelayString = "${portal.overview.tab-count-refresh-every:10s}")
    void recountDue() {
        Instant now = clock.instant();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (recount(now) < BATCH) {
                return;
            }
        }
    }

    /** Counts again up to a batch of the accounts due at {@code now}; answers how many. */
    int recount(Instant now) {
        Map<String, Object> parameters = AttentionRules.parameters(now, properties);
        parameters.put("limit", BATCH);
        Integer recounted = transaction.execute(status -> {
            // Each due row with how it was counted and how it stands now, by the conditions the queries use.
            List<DueAccount> due = jdbc.sql("SELECT o.customer_id, o.partner_id, o.counted_status, o.counted_attention,"
                            + " o.started_at, o.trial_ends_at, o.last_activity_at, " + AttentionRules.STATUS_NOW
                            + " AS status_now, " + attentionNow() + " AS attention_now FROM customer_overview o"
                            + " WHERE o.count_due_at <= :now ORDER BY o.count_due_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .params(parameters)
                    .query((rs, row) -> new DueAccount(rs.getString("customer_id"), rs.getString("partner_id"),
                            counted(rs.getString("counted_status"), rs.getBoolean("counted_attention")),
                            new Classification(CustomerStatus.valueOf(rs.getString("status_now")),
                                    rs.getBoolean("attention_now")),
                            instant(rs, "started_at"), instant(rs, "trial_ends_at"), instant(rs, "last_activity_at")))
                    .list();
            if (due.isEmpty()) {
                return 0;
            }
            Map<TabKey, Long> changes = new TreeMap<>();
            List<Object[]> rows = new ArrayList<>();
            for (DueAccount account : due) {
                if (!account.current().equals(account.counted())) {
                    if (account.counted() != null) {
                        changes.merge(new TabKey(account.partnerId(), account.counted()), -1L, Long::sum);
                    }
                    changes.merge(new TabKey(account.partnerId(), account.current()), 1L, Long::sum);
                }
                Instant next = nextChange(account, now);
                rows.add(new Object[] {account.current().status().name(), account.current().needsAttention(),
                        next != null ? timestamp(next) : null, account.customerId()});
            }
            batches.batchUpdate("UPDATE customer_overview SET counted_status = ?, counted_attention = ?, "
                    + "count_due_at = ? WHERE customer_id = ?", rows);
            store(changes);
            return due.size();
        });
        return recounted != null ? recounted : 0;
    }

    /**
     * The first of the account's {@linkplain AttentionRules#turningPoints turning points} from {@code now} on,
     * or null if none is left; never {@code now} itself, so a recount at the same instant finds nothing due.
     * Taken for every status: a spare recount costs little.
     */
    private Instant nextChange(DueAccount account, Instant now) {
        return AttentionRules.turningPoints(account.startedAt(), account.trialEndsAt(), account.lastActivityAt(),
                        properties)
                .filter(at -> !at.isBefore(now))
                .min(Comparator.naturalOrder())
                // A condition on "later than" turns just after its instant: count once more a microsecond on.
                .map(at -> at.equals(now) ? at.plus(1, ChronoUnit.MICROS) : at)
                .orElse(null);
    }

    /** Applies the changes in key order, so that concurrent recounts cannot deadlock on the counts. */
    private void store(Map<TabKey, Long> changes) {
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> increments = new ArrayList<>();
        changes.forEach((key, change) -> {
            if (change != 0) {
                keys.add(new Object[] {key.partnerId(), key.status().name(), key.needsAttention()});
                increments.add(new Object[] {change, key.partnerId(), key.status().name(), key.needsAttention()});
            }
        });
        batches.batchUpdate("INSERT INTO customer_overview_tab_count (partner_id, status, needs_attention, accounts) "
                + "VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING", keys);
        batches.batchUpdate("UPDATE customer_overview_tab_count SET accounts = accounts + ? "
                + "WHERE partner_id = ? AND status = ? AND needs_attention = ?", increments);
    }

    private static String attentionNow() {
        return "(CASE WHEN " + AttentionRules.any() + " THEN TRUE ELSE FALSE END)";
    }

    private static Classification counted(String status, boolean needsAttention) {
        return status != null ? new Classification(CustomerStatus.valueOf(status), needsAttention) : null;
    }

    /** Which tabs an account is counted in. */
    private record Classification(CustomerStatus status, boolean needsAttention) {
    }

    private record TabKey(String partnerId, CustomerStatus status, boolean needsAttention) implements Comparable<TabKey> {

        TabKey(String partnerId, Classification classification) {
            this(partnerId, classification.status(), classification.needsAttention());
        }

        @Override
        public int compareTo(TabKey other) {
            return Comparator.comparing(TabKey::partnerId).thenComparing(TabKey::status)
                    .thenComparing(TabKey::needsAttention).compare(this, other);
        }
    }

    private record DueAccount(String customerId, String partnerId, Classification counted, Classification current,
                              Instant startedAt, Instant trialEndsAt, Instant lastActivityAt) {
    }
}

package com.partnerdeals.platform.migration;

import com.partnerdeals.api.common.CustomerDomain;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration 17 (SPEC 12): the customer domain became the registrable domain of the contact email, so the lookup
 * tables and read models written with the full domain are re-keyed with {@link CustomerDomain#of}, the function the
 * event handlers apply to the same old events on a replay. The events themselves stay as stored.
 *
 * <p>Two open claims of one partner can now share a domain ({@code acme.co.uk} and {@code sales.acme.co.uk}); the
 * unique {@code open_claim} holds one. The deal that still protects the domain keeps it, the earliest registered
 * first; the other stays open, on the board and flagging other partners' deals, but no longer holds the partner's
 * claim. Each such deal is logged. Runs in Flyway's transaction on start; a second run changes nothing.
 */
@Component
public class RekeyCustomerDomains implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(RekeyCustomerDomains.class);
    private static final int PAGE = 1000;
    /** Each table keyed by a customer domain, with its primary key to page by. */
    private static final List<Map.Entry<String, String>> TABLES = List.of(
            Map.entry("deal_domain_claim", "deal_id"),
            Map.entry("customer_account_directory", "customer_id"),
            Map.entry("deal_view", "deal_id"),
            Map.entry("customer_overview", "customer_id"));

    private final Clock clock;

    public RekeyCustomerDomains(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void migrate(Context context) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        int released = releaseCollidingClaims(jdbc);
        for (Map.Entry<String, String> table : TABLES) {
            int rekeyed = rekey(jdbc, table.getKey(), table.getValue());
            log.info("Re-keyed {} rows of {} by customer domain", rekeyed, table.getKey());
        }
        log.info("{} open deals gave up their claim on a customer domain to another deal of their partner", released);
    }

    /** An open claim: the row that holds {@code open_claim}. */
    private record Claim(String dealId, String partnerId, String domain, Instant protectedUntil) {

        String newKey() {
            return partnerId + " " + CustomerDomain.of(domain);
        }
    }

    /**
     * Clears the {@code open_claim} of every claim that would collide once re-keyed. Old keys were unique, so a
     * collision takes at least one claim whose domain changes: each group is those claims and the claim that
     * already holds their new key.
     */
    private int releaseCollidingClaims(JdbcClient jdbc) {
        Map<String, List<Claim>> moving = new LinkedHashMap<>();
        String after = "";
        List<Claim> page;
        do {
            page = jdbc.sql("SELECT deal_id, partner_id, domain, protected_until FROM deal_domain_claim "
                            + "WHERE open_claim IS NOT NULL AND deal_id > ? ORDER BY deal_id LIMIT " + PAGE)
                    .param(after)
                    .query((rs, row) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), protectedUntil(rs)))
                    .list();
            for (Claim claim : page) {
                if (!CustomerDomain.of(claim.domain()).equals(claim.domain())) {
                    moving.computeIfAbsent(claim.newKey(), key -> new ArrayList<>()).add(claim);
                }
                after = claim.dealId();
            }
        } while (page.size() == PAGE);

        int released = 0;
        Instant now = clock.instant();
        for (Map.Entry<String, List<Claim>> group : moving.entrySet()) {
            List<Claim> claims = new ArrayList<>(group.getValue());
            jdbc.sql("SELECT deal_id, partner_id, domain, protected_until FROM deal_domain_claim WHERE open_claim = ?")
                    .param(group.getKey())
                    .query((rs, row) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), protectedUntil(rs)))
                    .optional()
                    .ifPresent(claims::add);
            if (claims.size() < 2) {
                continue;
            }
            // A lapsed deal no longer blocks (SPEC 4.4): one that still protects keeps the claim before it.
            Map<String, Long> registered = new HashMap<>();
            claims.forEach(claim -> registered.put(claim.dealId(), registrationOrder(jdbc, claim.dealId())));
            claims.sort(Comparator.comparing((Claim claim) -> !claim.protectedUntil().isAfter(now))
                    .thenComparing(claim -> registered.get(claim.dealId()))
                    .thenComparing(Claim::dealId));
            Claim kept = claims.get(0);
            for (Claim other : claims.subList(1, claims.size())) {
                jdbc.sql("UPDATE deal_domain_claim SET open_claim = NULL WHERE deal_id = ?").param(other.dealId()).update();
                log.warn("Customer domain {} of partner {}: open deal {} ({}) keeps the claim; open deal {} ({}) stays "
                                + "open without it", CustomerDomain.of(kept.domain()), kept.partnerId(), kept.dealId(),
                        kept.domain(), other.dealId(), other.domain());
                released++;
            }
        }
        return released;
    }

    /** The position of the deal's registration in the event store: registrations in the order they were stored. */
    private static long registrationOrder(JdbcClient jdbc, String dealId) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0")
                .param(dealId)
                .query(Long.class)
                .optional()
                .orElse(Long.MAX_VALUE);
    }

    /** Rewrites the rows whose domain is not a customer domain; an open claim follows its row's domain. */
    private static int rekey(JdbcClient jdbc, String table, String idColumn) {
        boolean claims = table.equals("deal_domain_claim");
        String update = claims
                ? "UPDATE deal_domain_claim SET domain = ?, open_claim = CASE WHEN open_claim IS NULL THEN NULL "
                        + "ELSE CONCAT(partner_id, ' ', ?) END WHERE deal_id = ?"
                : "UPDATE " + table + " SET domain = ? WHERE " + idColumn + " = ?";
        int rekeyed = 0;
        String after = "";
        List<Map.Entry<String, String>> page;
        do {
            page = jdbc.sql("SELECT " + idColumn + ", domain FROM " + table + " WHERE " + idColumn + " > ? ORDER BY "
                            + idColumn + " LIMIT " + PAGE)
                    .param(after)
                    .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list();
            for (Map.Entry<String, String> row : page) {
                String domain = CustomerDomain.of(row.getValue());
                if (!domain.equals(row.getValue())) {
                    (claims ? jdbc.sql(update).params(domain, domain, row.getKey())
                            : jdbc.sql(update).params(domain, row.getKey())).update();
                    rekeyed++;
                }
                after = row.getKey();
            }
        } while (page.size() == PAGE);
        return rekeyed;
    }

    /** An open claim's end of protection; none would mean for good. */
    private static Instant protectedUntil(ResultSet row) throws SQLException {
        OffsetDateTime until = row.getObject("protected_until", OffsetDateTime.class);
        return until != null ? until.toInstant() : Instant.MAX;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("17");
    }

    @Override
    public String getDescription() {
        return "re-key customer domains as registrable domains";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}

package com.partnerdeals.command.deal;

import com.partnerdeals.api.common.CustomerDomain;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealWithdrawn;
import com.partnerdeals.api.deal.PartnerAction;
import com.partnerdeals.command.CommandLookups;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which deal protects which customer domain (SPEC 4.4). A deal protects its domain for its partner until
 * its last partner action plus the protection period; a won deal protects for good; a lost or denied deal
 * not at all. One open, protecting deal per partner and domain is guaranteed by a unique constraint, so two
 * simultaneous registrations cannot both get through.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class DealDomainClaims {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PortalProperties properties;
    private final TransactionTemplate savepoint;

    public DealDomainClaims(JdbcClient jdbc, Clock clock, PortalProperties properties,
                            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The partner's open deal that protects the domain now, if any. */
    public Optional<String> protectingDealOf(String partnerId, String domain) {
        return jdbc.sql("SELECT deal_id FROM deal_domain_claim WHERE open_claim = ? AND protected_until > ?")
                .params(claimKey(partnerId, domain), timestamp(clock.instant()))
                .query(String.class)
                .optional();
    }

    /** Whether another partner's deal protects the domain now (open and protected, or won). */
    public boolean protectedByAnotherPartner(String partnerId, String domain) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM deal_domain_claim
                        WHERE domain = ? AND partner_id <> ? AND (won OR (is_open AND protected_until > ?))""")
                .params(domain, partnerId, timestamp(clock.instant()))
                .query(Long.class)
                .single() > 0;
    }

    /** An event stored before SPEC 12 names the contact's full domain: the claim is on its registrable domain. */
    @EventHandler
    void on(DealRegistered event, @Timestamp Instant at) {
        String domain = CustomerDomain.of(event.domain());
        jdbc.sql("""
                        INSERT INTO deal_domain_claim (deal_id, partner_id, domain, open_claim, is_open, won, protected_until)
                        VALUES (?, ?, ?, NULL, TRUE, FALSE, ?)""")
                .params(event.dealId(), event.partnerId(), domain, timestamp(protectionEnd(at)))
                .update();
        claim(event.dealId(), event.partnerId(), domain);
    }

    @EventHandler
    void on(DealReopened event) {
        jdbc.sql("UPDATE deal_domain_claim SET is_open = TRUE WHERE deal_id = ?").param(event.dealId()).update();
        jdbc.sql("SELECT partner_id, domain FROM deal_domain_claim WHERE deal_id = ?")
                .param(event.dealId())
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .optional()
                .ifPresent(owner -> claim(event.dealId(), owner.getKey(), owner.getValue()));
    }

    /** Every partner action after the registration renews the protection (SPEC 4.4). */
    @EventHandler
    void on(PartnerAction event, @Timestamp Instant at) {
        renew(event.dealId(), at);
    }

    @EventHandler
    void on(DealClosedWon event) {
        jdbc.sql("UPDATE deal_domain_claim SET open_claim = NULL, is_open = FALSE, won = TRUE, protected_until = NULL WHERE deal_id = ?")
                .param(event.dealId())
                .update();
    }

    @EventHandler
    void on(DealClosedLost event) {
        release(event.dealId());
    }

    @EventHandler
    void on(DealDenied event) {
        release(event.dealId());
    }

    /** A withdrawn deal was registered by mistake: the domain is free again (SPEC 12). */
    @EventHandler
    void on(DealWithdrawn event) {
        release(event.dealId());
    }

    /**
     * Takes the partner's claim on the domain for this deal. A lapsed deal's claim is given up first; if an
     * open, protecting deal holds it, the command is refused (and rolled back) as a duplicate.
     */
    private void claim(String dealId, String partnerId, String domain) {
        String key = claimKey(partnerId, domain);
        jdbc.sql("UPDATE deal_domain_claim SET open_claim = NULL WHERE open_claim = ? AND protected_until <= ?")
                .params(key, timestamp(clock.instant()))
                .update();
        int claimed;
        try {
            // In a savepoint: on PostgreSQL a unique violation would otherwise abort the whole transaction,
            // and the winner's deal id could not be read.
            claimed = savepoint.execute(status -> jdbc.sql("UPDATE deal_domain_claim SET open_claim = ? "
                            + "WHERE deal_id = ? AND NOT EXISTS (SELECT 1 FROM deal_domain_claim other WHERE other.open_claim = ?)")
                    .params(key, dealId, key)
                    .update());
        } catch (DuplicateKeyException race) {
            claimed = 0; // a simultaneous registration took the claim first
        }
        if (claimed == 0) {
            String holder = jdbc.sql("SELECT deal_id FROM deal_domain_claim WHERE open_claim = ?")
                    .param(key).query(String.class).optional().orElse(null);
            throw duplicate(holder);
        }
    }

    static RuleViolation duplicate(String existingDealId) {
        return existingDealId == null
                ? RuleViolation.conflict("DUPLICATE_DEAL", "You already have an open, protected deal for this customer")
                : RuleViolation.conflict("DUPLICATE_DEAL", "You already have an open, protected deal for this customer",
                        Map.of("existingDealId", existingDealId));
    }

    private void renew(String dealId, Instant at) {
        jdbc.sql("UPDATE deal_domain_claim SET protected_until = ? WHERE deal_id = ? AND is_open")
                .params(timestamp(protectionEnd(at)), dealId)
                .update();
    }

    private void release(String dealId) {
        jdbc.sql("UPDATE deal_domain_claim SET open_claim = NULL, is_open = FALSE WHERE deal_id = ?")
                .param(dealId)
                .update();
    }

    private Instant protectionEnd(Instant lastPartnerAction) {
        return lastPartnerAction.plus(properties.deal().protection());
    }

    private static String claimKey(String partnerId, String domain) {
        return partnerId + " " + domain;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

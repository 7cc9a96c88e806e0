package com.partnerdeals.command.customer;

import com.partnerdeals.api.common.CustomerDomain;
import com.partnerdeals.api.customer.SubscriptionStarted;
import com.partnerdeals.api.customer.TrialExpired;
import com.partnerdeals.api.customer.TrialExtended;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.command.CommandLookups;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer accounts as the command side needs them: by customer domain (the reviewer's EXISTING_CUSTOMER flag),
 * by deal (a won deal subscribes its account) and by trial end (the expiry check). Rows follow the trial
 * and subscription events in the same transaction.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class CustomerAccountDirectory {

    private final JdbcClient jdbc;

    public CustomerAccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a customer account with this domain has an active subscription. */
    public boolean hasActiveSubscription(String domain) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_account_directory WHERE domain = ? AND status = 'ACTIVE'")
                .param(domain)
                .query(Long.class)
                .single() > 0;
    }

    /** The account started from this deal, if any. */
    public Optional<String> accountOfDeal(String dealId) {
        return jdbc.sql("SELECT customer_id FROM customer_account_directory WHERE deal_id = ?")
                .param(dealId)
                .query(String.class)
                .optional();
    }

    /** The deal an account was started from. */
    public Optional<String> dealOfAccount(String customerId) {
        return jdbc.sql("SELECT deal_id FROM customer_account_directory WHERE customer_id = ?")
                .param(customerId)
                .query(String.class)
                .optional();
    }

    /** Accounts still in trial whose trial ended at or before {@code now}, the longest ended first. */
    public List<String> endedTrials(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT customer_id FROM customer_account_directory
                        WHERE status = 'TRIAL' AND trial_ends_at <= ?
                        ORDER BY trial_ends_at, customer_id
                        LIMIT ?""")
                .params(timestamp(now), limit)
                .query(String.class)
                .list();
    }

    @EventHandler
    void on(TrialStarted event) {
        jdbc.sql("""
                        INSERT INTO customer_account_directory (customer_id, domain, status, deal_id, partner_id, trial_ends_at)
                        VALUES (?, ?, 'TRIAL', ?, ?, ?)""")
                .params(event.customerId(), CustomerDomain.of(event.domain()), event.dealId(), event.partnerId(),
                        timestamp(event.trialEndsAt()))
                .update();
    }

    @EventHandler
    void on(TrialExtended event) {
        jdbc.sql("UPDATE customer_account_directory SET status = 'TRIAL', trial_ends_at = ? WHERE customer_id = ?")
                .params(timestamp(event.trialEndsAt()), event.customerId())
                .update();
    }

    @EventHandler
    void on(TrialExpired event) {
        setStatus(event.customerId(), "CLOSED");
    }

    @EventHandler
    void on(SubscriptionStarted event) {
        setStatus(event.customerId(), "ACTIVE");
    }

    private void setStatus(String customerId, String status) {
        jdbc.sql("UPDATE customer_account_directory SET status = ? WHERE customer_id = ?")
                .params(status, customerId)
                .update();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

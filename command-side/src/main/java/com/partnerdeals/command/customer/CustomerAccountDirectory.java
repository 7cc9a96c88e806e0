package com.partnerdeals.command.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customer accounts by domain, for the reviewer's EXISTING_CUSTOMER flag. Rows follow the trial and
 * subscription events of the customer accounts.
 */
@Component
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
}

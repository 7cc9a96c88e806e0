package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.SubscriptionStarted;
import com.partnerdeals.command.CommandLookups;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Test-only fault injection: fails the subscription of the accounts a test names, inside the transaction
 * that starts it, to show that what caused the subscription is rolled back with it. It lives in the
 * command side's package so the full-service tests' application picks it up; it does nothing unless a test
 * names an account.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class SubscriptionFaults {

    public static final Set<String> FAILING_ACCOUNTS = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(SubscriptionStarted event) {
        if (FAILING_ACCOUNTS.contains(event.customerId())) {
            throw new IllegalStateException("Injected failure for customer " + event.customerId());
        }
    }
}

package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.StartSubscription;
import com.partnerdeals.api.customer.TrialExtensionRequested;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.RecordTrialExtensionRequest;
import com.partnerdeals.command.CommandLookups;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps a deal and the customer account started from it in step. What happens to one that the spec ties to
 * the other is carried over inside the same unit of work and transaction: if the second step fails, the
 * first is rolled back with it, so the two never disagree.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class DealAccountLink {

    private final CustomerAccountDirectory accounts;
    private final CommandGateway commands;

    DealAccountLink(CustomerAccountDirectory accounts, CommandGateway commands) {
        this.accounts = accounts;
        this.commands = commands;
    }

    /** A deal won with a linked trial makes the account an active subscription (SPEC 4.3). */
    @EventHandler
    void on(DealClosedWon event) {
        accounts.accountOfDeal(event.dealId()).ifPresent(customerId ->
                commands.sendAndWait(new StartSubscription(customerId, null, null, event.dealId(), null)));
    }

    /** An extension request is a partner action on the deal the trial came from (SPEC 4.4). */
    @EventHandler
    void on(TrialExtensionRequested event) {
        accounts.dealOfAccount(event.customerId()).ifPresent(dealId ->
                commands.sendAndWait(new RecordTrialExtensionRequest(dealId, event.customerId())));
    }
}

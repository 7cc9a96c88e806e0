package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.StartSubscription;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.command.CommandLookups;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A deal won with a linked trial makes the account an active subscription (SPEC 4.3). The subscription is
 * started inside the won deal's unit of work and transaction: if it fails, closing the deal fails too, so
 * a won deal never leaves its account in trial.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class WonDealSubscription {

    private final CustomerAccountDirectory accounts;
    private final CommandGateway commands;

    WonDealSubscription(CustomerAccountDirectory accounts, CommandGateway commands) {
        this.accounts = accounts;
        this.commands = commands;
    }

    @EventHandler
    void on(DealClosedWon event) {
        accounts.accountOfDeal(event.dealId()).ifPresent(customerId ->
                commands.sendAndWait(new StartSubscription(customerId, null, null, event.dealId(), null)));
    }
}

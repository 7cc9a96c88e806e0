package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.TrialExtensionRequested;
import com.partnerdeals.api.deal.RecordTrialExtensionRequest;
import com.partnerdeals.command.CommandLookups;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * An extension request is a partner action on the deal the trial was started from (SPEC 4.4): it is
 * recorded on that deal in the same transaction as the request, so the deal's protection is renewed
 * with it or not at all.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class ExtensionRequestOnDeal {

    private final CustomerAccountDirectory accounts;
    private final CommandGateway commands;

    ExtensionRequestOnDeal(CustomerAccountDirectory accounts, CommandGateway commands) {
        this.accounts = accounts;
        this.commands = commands;
    }

    @EventHandler
    void on(TrialExtensionRequested event) {
        accounts.dealOfAccount(event.customerId()).ifPresent(dealId ->
                commands.sendAndWait(new RecordTrialExtensionRequest(dealId, event.customerId())));
    }
}

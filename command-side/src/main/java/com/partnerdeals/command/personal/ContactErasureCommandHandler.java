package com.partnerdeals.command.personal;

import com.partnerdeals.api.deal.EraseDealContact;
import com.partnerdeals.api.personal.EraseContact;
import com.partnerdeals.command.deal.Deal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * A contact's erasure in one unit of work, so in one transaction: the erasure's record, the shredding of the
 * contact's key (DealContacts, in the same transaction as the record) and each deal's record of it. From the moment
 * the key is gone, every deal it covered has a later event in the store, so a node that keeps one of them in memory
 * sees it in its store check and reads the deal back without the contact; a command of such a deal on another node
 * that raced the erasure appends at the same sequence number as the erasure, and one of the two is retried. Nothing
 * is left half done for a crash to keep.
 */
@Component
public class ContactErasureCommandHandler {

    private final Repository<ContactErasure> erasures;
    private final Repository<Deal> deals;

    public ContactErasureCommandHandler(Repository<ContactErasure> erasures, Repository<Deal> deals) {
        this.erasures = erasures;
        this.deals = deals;
    }

    @CommandHandler
    void handle(EraseContact command) throws Exception {
        erasures.newInstance(() -> new ContactErasure(command));
        for (String dealId : command.dealIds()) {
            // The deal's own handler decides (an erased contact is erased once), as for a command sent to it.
            deals.load(dealId).handle(GenericCommandMessage.asCommandMessage(
                    new EraseDealContact(dealId, command.erasureId(), command.reason())));
        }
    }
}

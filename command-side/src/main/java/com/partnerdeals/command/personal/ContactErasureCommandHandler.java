package com.partnerdeals.command.personal;

import com.partnerdeals.api.deal.EraseDealContact;
import com.partnerdeals.api.personal.EraseContact;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.deal.Deal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A contact's erasure in one unit of work, so in one transaction: the shredding of the contact's key, the erasure's
 * record with the deals that held the contact, and each deal's record of it. From the moment the key is gone, every
 * deal it covered has a later event in the store, so a node that keeps one of them in memory sees it in its store
 * check and reads the deal back without the contact; a command of such a deal on another node that raced the erasure
 * appends at the same sequence number as the erasure, and one of the two is retried. Nothing is left half done for a
 * crash to keep.
 *
 * <p>A registration of the contact holds the contact's key locked until it commits ({@link DealContacts}). The
 * erasure takes its deals as every command does (the aggregate's lock on this node first), then shreds the key,
 * which waits for a registration in flight, and looks the deals up once more in the same transaction. A deal that
 * committed in between makes the erasure start again, now with that deal; waiting for its lock while holding the key
 * could deadlock with a command of the new deal. A registration that comes after the shredding gets a new key: it is
 * new data, which this erasure does not cover.
 *
 * <p>A lookup row whose deal has no history (a half-restored backup leaves one) holds nothing of the contact in the
 * store: the erasure goes on without it, counts only the deals it erased, and logs the deal's id for the operator.
 * Refusing would keep the person's key alive over a broken lookup row.
 */
@Component
public class ContactErasureCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(ContactErasureCommandHandler.class);

    private final Repository<ContactErasure> erasures;
    private final Repository<Deal> deals;
    private final DealContacts contacts;
    private final CustomerAccountDirectory accounts;

    public ContactErasureCommandHandler(Repository<ContactErasure> erasures, Repository<Deal> deals,
                                        DealContacts contacts, CustomerAccountDirectory accounts) {
        this.erasures = erasures;
        this.deals = deals;
        this.contacts = contacts;
        this.accounts = accounts;
    }

    @CommandHandler
    ContactErasures.Outcome handle(EraseContact command) throws Exception {
        List<String> dealIds = contacts.dealsOf(command.contactHash());
        List<Aggregate<Deal>> contactsDeals = new ArrayList<>();
        for (String dealId : dealIds) {
            try {
                contactsDeals.add(deals.load(dealId));
            } catch (AggregateNotFoundException noHistory) {
                log.warn("Erasure {}: the contact lookup names deal {}, which has no history; erasing without it",
                        command.erasureId(), dealId);
            }
        }
        contacts.shredKey(command.contactHash());
        if (!contacts.dealsOf(command.contactHash()).equals(dealIds)) {
            throw new ConcurrencyException("The contact's deals changed while it was erased");
        }
        List<String> erasedDeals = contactsDeals.stream().map(Aggregate::identifierAsString).toList();
        List<String> accountIds = erasedDeals.stream().map(accounts::accountOfDeal).flatMap(Optional::stream).toList();
        erasures.newInstance(() -> new ContactErasure(command, erasedDeals, accountIds));
        for (Aggregate<Deal> deal : contactsDeals) {
            // The deal's own handler decides (an erased contact is erased once), as for a command sent to it.
            deal.handle(GenericCommandMessage.asCommandMessage(
                    new EraseDealContact(deal.identifierAsString(), command.erasureId(), command.reason())));
        }
        return new ContactErasures.Outcome(command.erasureId(), erasedDeals.size(), accountIds.size());
    }
}

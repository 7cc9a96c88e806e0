package com.partnerdeals.command.personal;

import com.partnerdeals.api.deal.EraseDealContact;
import com.partnerdeals.api.personal.EraseContact;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.deal.CachedDeals;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Erases a customer contact (SPEC 11). First the erasure is recorded and the contact's key shredded, in one
 * transaction: from then on no event yields the name or email. Then each deal records it, which updates the read
 * models at once. Should that stop half-way, the same request again finds the deals not yet done and finishes.
 */
@Component
public class ContactErasures {

    /** What an erasure covered: the request's id, the deals and the customer accounts linked to them. */
    @Schema(name = "ContactErasure")
    public record Outcome(String erasureId, int deals, int customerAccounts) {
    }

    private final CommandGateway commands;
    private final DealContacts contacts;
    private final CustomerAccountDirectory accounts;
    private final Cache cachedDeals;

    public ContactErasures(CommandGateway commands, DealContacts contacts, CustomerAccountDirectory accounts,
                           @Qualifier(CachedDeals.CACHE) Cache cachedDeals) {
        this.commands = commands;
        this.contacts = contacts;
        this.accounts = accounts;
        this.cachedDeals = cachedDeals;
    }

    public Outcome erase(String email, String reason) {
        String erasureId = UUID.randomUUID().toString();
        String contactHash = contacts.contactHash(email);
        List<String> dealIds = contacts.dealsOf(contactHash);
        List<String> accountIds = dealIds.stream().map(accounts::accountOfDeal).flatMap(Optional::stream).toList();
        commands.sendAndWait(new EraseContact(erasureId, contactHash, reason, dealIds, accountIds));
        // A cached deal still holds the contact it decrypted before the key went; read back now, it holds none.
        dealIds.forEach(cachedDeals::remove);
        dealIds.forEach(dealId -> commands.sendAndWait(new EraseDealContact(dealId, erasureId, reason)));
        return new Outcome(erasureId, dealIds.size(), accountIds.size());
    }
}

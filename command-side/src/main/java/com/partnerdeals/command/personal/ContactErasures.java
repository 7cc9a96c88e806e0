package com.partnerdeals.command.personal;

import com.partnerdeals.api.personal.EraseContact;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Erases a customer contact (SPEC 11): finds the deals and customer accounts that hold it, by the keyed hash of the
 * email, and sends the erasure, which records it, shreds the contact's key and records it on each deal in one
 * transaction (ContactErasureCommandHandler): from then on no event yields the name or email, and the read models drop
 * them at once. Should it fail, nothing is erased and the same request again does it all.
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

    public ContactErasures(CommandGateway commands, DealContacts contacts, CustomerAccountDirectory accounts) {
        this.commands = commands;
        this.contacts = contacts;
        this.accounts = accounts;
    }

    public Outcome erase(String email, String reason) {
        String erasureId = UUID.randomUUID().toString();
        String contactHash = contacts.contactHash(email);
        List<String> dealIds = contacts.dealsOf(contactHash);
        List<String> accountIds = dealIds.stream().map(accounts::accountOfDeal).flatMap(Optional::stream).toList();
        commands.sendAndWait(new EraseContact(erasureId, contactHash, reason, dealIds, accountIds));
        return new Outcome(erasureId, dealIds.size(), accountIds.size());
    }
}

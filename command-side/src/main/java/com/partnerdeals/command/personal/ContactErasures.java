package com.partnerdeals.command.personal;

import com.partnerdeals.api.personal.EraseContact;
import com.partnerdeals.platform.randomness.ThreadSecureRandom;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Erases a customer contact (SPEC 11): sends the erasure for the keyed hash of the email. Its handler shreds the
 * contact's key, then records the erasure on the deals and customer accounts that hold the contact, in one
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

    public ContactErasures(CommandGateway commands, DealContacts contacts) {
        this.commands = commands;
        this.contacts = contacts;
    }

    public Outcome erase(String email, String reason) {
        return commands.sendAndWait(new EraseContact(ThreadSecureRandom.randomUuid().toString(), contacts.contactHash(email), reason));
    }
}

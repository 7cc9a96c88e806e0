package com.partnerdeals.command.personal;

import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealNoteRedacted;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.command.CommandLookups;
import com.partnerdeals.platform.personal.PersonalDataKeys;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which deals hold which customer contact, by the keyed hash of the email (table {@code deal_contact}), so that an
 * erasure finds them without the email being stored anywhere in clear; and the shredding of keys: an erased
 * contact's (in the erasure's transaction, ContactErasureCommandHandler), a redacted note's (in the same transaction as
 * the event that records it).
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class DealContacts {

    private final JdbcClient jdbc;
    private final PersonalDataKeys keys;

    public DealContacts(JdbcClient jdbc, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** The keyed hash that recognises a contact by email. */
    public String contactHash(String email) {
        return keys.subjectHash(PersonalData.Subject.CONTACT, email);
    }

    /**
     * Shreds the contact's key, which from then on decrypts nothing; waits for a transaction that is using it (a
     * registration of the same email) to end first.
     */
    public void shredKey(String contactHash) {
        keys.erase(contactHash);
    }

    /** The deals whose contact has this hash and has not been erased from them yet. */
    public List<String> dealsOf(String contactHash) {
        return jdbc.sql("SELECT deal_id FROM deal_contact WHERE contact_hash = ? AND NOT erased ORDER BY deal_id")
                .param(contactHash).query(String.class).list();
    }

    /**
     * A new deal of the contact holds the contact's key locked until it commits: an erasure of the contact shreds the
     * key first, so it waits for the registration and then finds this deal (ContactErasureCommandHandler). Should the
     * key have been erased since the event was sealed with it, the registration is tried again and gets the contact's
     * new key: it comes after the erasure.
     */
    @EventHandler
    void on(DealRegistered event) {
        String contactHash = contactHash(event.customer().contactEmail());
        jdbc.sql("INSERT INTO deal_contact (deal_id, contact_hash, erased) VALUES (?, ?, FALSE)")
                .params(event.dealId(), contactHash)
                .update();
        if (!keys.lockLiveKey(contactHash)) {
            throw new ConcurrencyException("The contact of deal " + event.dealId() + " was erased while it was registered");
        }
    }

    @EventHandler
    void on(DealContactErased event) {
        jdbc.sql("UPDATE deal_contact SET erased = TRUE WHERE deal_id = ?").param(event.dealId()).update();
    }

    @EventHandler
    void on(DealNoteRedacted event) {
        keys.erase(keys.subjectHash(PersonalData.Subject.NOTE, event.dealId() + ":" + event.noteId()));
    }
}

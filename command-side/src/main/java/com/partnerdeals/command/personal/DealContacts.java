package com.partnerdeals.command.personal;

import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealNoteRedacted;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.personal.ContactErased;
import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.command.CommandLookups;
import com.partnerdeals.platform.personal.PersonalDataKeys;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which deals hold which customer contact, by the keyed hash of the email (table {@code deal_contact}), so that an
 * erasure finds them without the email being stored anywhere in clear; and the shredding of keys, in the same
 * transaction as the event that records it: an erased contact's key, a redacted note's key.
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

    /** The deals whose contact has this hash and has not been erased from them yet. */
    public List<String> dealsOf(String contactHash) {
        return jdbc.sql("SELECT deal_id FROM deal_contact WHERE contact_hash = ? AND NOT erased ORDER BY deal_id")
                .param(contactHash).query(String.class).list();
    }

    @EventHandler
    void on(DealRegistered event) {
        jdbc.sql("INSERT INTO deal_contact (deal_id, contact_hash, erased) VALUES (?, ?, FALSE)")
                .params(event.dealId(), contactHash(event.customer().contactEmail()))
                .update();
    }

    @EventHandler
    void on(ContactErased event) {
        keys.erase(event.contactHash());
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

package com.partnerdeals.command.personal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.partnerdeals.api.personal.ContactErased;
import com.partnerdeals.api.personal.EraseContact;
import com.partnerdeals.platform.axon.CommandTargets;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One erasure request for a customer contact, as the audit trail keeps it (SPEC 11): who asked (the event's actor),
 * why, a keyed hash that recognises the contact, and the deals and customer accounts it covered.
 */
@Aggregate(commandTargetResolver = CommandTargets.BEAN)
public class ContactErasure {

    @AggregateIdentifier
    private String erasureId;

    protected ContactErasure() {
        // For Axon.
    }

    /** Made by ContactErasureCommandHandler, in the same unit of work as the deals' records of the erasure. */
    ContactErasure(EraseContact command, List<String> dealIds, List<String> customerAccountIds) {
        apply(new ContactErased(command.erasureId(), command.contactHash(), command.reason(), dealIds,
                customerAccountIds));
    }

    @EventSourcingHandler
    void on(ContactErased event) {
        erasureId = event.erasureId();
    }
}

package com.partnerdeals.command.partner;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.partner.PartnerRegistered;
import com.partnerdeals.api.partner.PartnerUpdated;
import com.partnerdeals.api.partner.RegisterPartner;
import com.partnerdeals.api.partner.UpdatePartner;
import com.partnerdeals.platform.axon.CommandTargets;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A consulting firm in the partner program (SPEC section 3). */
@Aggregate(commandTargetResolver = CommandTargets.BEAN)
public class Partner {

    @AggregateIdentifier
    private String partnerId;
    private String name;
    private Set<String> domains;
    private BigDecimal commissionRate;
    private boolean active;
    private boolean autoAccept;

    protected Partner() {
        // For Axon.
    }

    /** Registering the same partner again with the same details is a harmless retry. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RegisterPartner command) {
        if (partnerId != null) {
            if (name.equals(command.name()) && domains.equals(command.domains())
                    && commissionRate.compareTo(command.commissionRate()) == 0 && autoAccept == command.autoAccept()) {
                return getVersion();
            }
            throw RuleViolation.conflict("PARTNER_EXISTS", "Partner " + command.partnerId() + " is already registered");
        }
        apply(new PartnerRegistered(command.partnerId(), command.name(), Set.copyOf(command.domains()),
                command.commissionRate(), command.autoAccept()));
        return getVersion();
    }

    /** A new commission rate applies to deals closed after the change. */
    @CommandHandler
    public long handle(UpdatePartner command) {
        PartnerUpdated updated = new PartnerUpdated(partnerId,
                Objects.requireNonNullElse(command.name(), name),
                command.domains() != null ? Set.copyOf(command.domains()) : domains,
                Objects.requireNonNullElse(command.commissionRate(), commissionRate),
                Objects.requireNonNullElse(command.active(), active),
                Objects.requireNonNullElse(command.autoAccept(), autoAccept));
        boolean changes = !updated.name().equals(name) || !updated.domains().equals(domains)
                || updated.commissionRate().compareTo(commissionRate) != 0 || updated.active() != active
                || updated.autoAccept() != autoAccept;
        if (changes) {
            apply(updated);
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(PartnerRegistered event) {
        partnerId = event.partnerId();
        name = event.name();
        domains = event.domains();
        commissionRate = event.commissionRate();
        active = true;
        autoAccept = event.autoAccept();
    }

    @EventSourcingHandler
    void on(PartnerUpdated event) {
        name = event.name();
        domains = event.domains();
        commissionRate = event.commissionRate();
        active = event.active();
        autoAccept = event.autoAccept();
    }
}

package com.partnerdeals.app.query;

import com.partnerdeals.api.common.Actor;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.partner.PartnerRegistered;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Writes events straight into the service's event store, as the command side would: stamped with the acting
 * user and with a chosen timestamp. For testing the reads before (and independent of) the commands.
 */
final class EventWriter {

    static final Actor MANAGER = new Actor("manager@vendor.example", List.of("PARTNER_MANAGER"));

    private final EventStore eventStore;

    EventWriter(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    static Actor consultantOf(String partnerId) {
        return new Actor("consultant@" + partnerId + ".example", List.of("PARTNER"));
    }

    static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Events partner(String partnerId, Instant at) {
        return new Events("Partner", partnerId).append(id -> new PartnerRegistered(id, "Partner " + id,
                Set.of(partnerId + ".example"), new BigDecimal("0.20")), at, MANAGER);
    }

    /** A new deal registered by the partner's consultant; company and domain are fresh unless given. */
    Events deal(String partnerId, String companyName, String domain, Instant at, DealFlag... flags) {
        String dealId = UUID.randomUUID().toString();
        return new Events("Deal", dealId).append(id -> new DealRegistered(id, partnerId,
                new CustomerDetails(companyName, "Greta Svensson", "greta@" + domain, "SE"), domain, 25,
                "Interested in ISO 27001", Set.of(flags)), at, consultantOf(partnerId));
    }

    Events deal(String partnerId, Instant at) {
        String company = freshId("company");
        return deal(partnerId, company, company + ".example", at);
    }

    /** The events of one aggregate, numbered from 0 as an aggregate numbers them. */
    final class Events {
        private final String aggregateType;
        private final String id;
        private long next;

        private Events(String aggregateType, String id) {
            this.aggregateType = aggregateType;
            this.id = id;
        }

        /** Appends the event that {@code event} makes for this aggregate's id. */
        Events append(Function<String, Object> event, Instant at, Actor actor) {
            eventStore.publish(new GenericDomainEventMessage<>(aggregateType, id, next++, event.apply(id),
                    Map.of(Actor.SUBJECT_KEY, actor.subject(), Actor.ROLES_KEY, actor.roles()),
                    UUID.randomUUID().toString(), at));
            return this;
        }

        String id() {
            return id;
        }

        /** The aggregate's version: the sequence number of its latest event. */
        long version() {
            return next - 1;
        }
    }
}

package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.Actor;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.DealHistory;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.FindDealAsOf;
import com.partnerdeals.api.deal.FindDealHistory;
import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.personal.PersonalDataFields;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers from the event store itself, not from the deal views: a deal's audit trail and the deal as it
 * stood at an instant. Both work before the projections have caught up.
 */
@Component
class DealHistoryQueries {

    private final EventStore eventStore;
    private final DealTerms terms;

    DealHistoryQueries(EventStore eventStore, PortalProperties properties) {
        this.eventStore = eventStore;
        this.terms = DealTerms.of(properties);
    }

    @QueryHandler
    DealHistory handle(FindDealHistory query) {
        List<DealHistory.Entry> entries = eventsOf(query.dealId(), query.viewer()).stream()
                .map(DealHistoryQueries::entry)
                .toList();
        return new DealHistory(query.dealId(), entries);
    }

    /** Folds the events up to {@code asOf}, in order, as the projection did; protection as of {@code asOf}. */
    @QueryHandler
    DealView handle(FindDealAsOf query) {
        DealState deal = null;
        for (DomainEventMessage<?> event : eventsOf(query.dealId(), query.viewer())) {
            if (event.getTimestamp().isAfter(query.asOf())) {
                break;
            }
            deal = deal == null
                    ? DealState.registered((DealRegistered) event.getPayload(), event.getSequenceNumber(), event.getTimestamp())
                    : deal.apply(event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
        }
        if (deal == null) {
            throw RuleViolation.notFound("Deal " + query.dealId() + " did not exist at " + query.asOf());
        }
        return deal.view(query.viewer(), terms, query.asOf());
    }

    /**
     * The deal's events, its registration first. Deals, partners and customer accounts share the store's
     * aggregate ids, so a stream that does not start with a deal registration is no deal. Ownership is read
     * from that registration. Read from sequence 0: a plain read would start at a snapshot, if there were one.
     */
    private List<? extends DomainEventMessage<?>> eventsOf(String dealId, Viewer viewer) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(dealId, 0).asStream().toList();
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof DealRegistered registered)
                || !viewer.maySee(registered.partnerId())) {
            throw RuleViolation.notFound("No deal " + dealId);
        }
        return events;
    }

    /** One event as the audit trail shows it, saying which of its personal data is gone (SPEC 11). */
    private static DealHistory.Entry entry(DomainEventMessage<?> event) {
        Set<PersonalData.Subject> erased = PersonalDataFields.erasedIn(event.getPayload());
        return new DealHistory.Entry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                event.getTimestamp(), actorOf(event.getMetaData()), event.getPayload(),
                erased.contains(PersonalData.Subject.CONTACT), erased.contains(PersonalData.Subject.NOTE));
    }

    /** Who caused the event, as the command dispatch recorded it; null if nobody was recorded. */
    private static Actor actorOf(MetaData metaData) {
        Object subject = metaData.get(Actor.SUBJECT_KEY);
        if (subject == null) {
            return null;
        }
        List<String> roles = metaData.get(Actor.ROLES_KEY) instanceof List<?> names
                ? names.stream().map(String::valueOf).toList()
                : List.of();
        return new Actor(subject.toString(), roles);
    }
}

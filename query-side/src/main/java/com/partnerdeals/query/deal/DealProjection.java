package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealEvent;
import com.partnerdeals.query.ProjectionConfiguration;
import com.partnerdeals.query.projections.BatchedViews;
import com.partnerdeals.query.projections.RememberedViews;
import com.partnerdeals.query.projections.WritesPerBatch;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Keeps the deal views: folds each deal event into the deal's {@link DealState}. An event delivered again (its
 * sequence number is not past the stored version) changes nothing. Reading and storing the views a batch at a
 * time is {@link BatchedViews}'s work.
 */
@Component
@ProcessingGroup(ProjectionConfiguration.DEAL_VIEWS)
@WritesPerBatch
class DealProjection {

    private final DealViewRepository deals;
    private final BatchedViews<String, DealState> views;

    DealProjection(DealViewRepository deals, PlatformTransactionManager transactions,
                   RememberedViews.Settings remembered) {
        this.deals = deals;
        this.views = new BatchedViews<>(deals, DealProjection::dealOf, transactions, remembered.size());
    }

    /** Every deal event, including kinds added after this projection was written. */
    @EventHandler
    void on(DealEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        views.change(event.dealId(), before -> DealState.next(before, event, sequence, at));
    }

    @ResetHandler
    void reset() {
        deals.deleteAll();
        views.forgetAll();
    }

    /** The views were replaced by rebuilt ones: what the projection remembers of them is no longer to be trusted. */
    void viewsReplaced() {
        views.forgetAll();
    }

    /** A deal event's aggregate is the deal. */
    private static String dealOf(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> event && "Deal".equals(event.getType())
                ? event.getAggregateIdentifier()
                : null;
    }
}

package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealEvent;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.query.ProjectionConfiguration;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Keeps the deal views: folds each deal event into the deal's {@link DealState} and stores it. An event
 * delivered again (its sequence number is not past the stored version) changes nothing.
 */
@Component
@ProcessingGroup(ProjectionConfiguration.DEAL_VIEWS)
class DealProjection {

    private final DealViewRepository deals;

    DealProjection(DealViewRepository deals) {
        this.deals = deals;
    }

    @EventHandler
    void on(DealRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (deals.find(event.dealId()).isEmpty()) {
            deals.save(null, DealState.registered(event, sequence, at));
        }
    }

    /** Every later deal event, including kinds added after this projection was written. */
    @EventHandler
    void on(DealEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        deals.find(event.dealId())
                .filter(before -> sequence > before.version())
                .ifPresent(before -> deals.save(before, before.apply(event, sequence, at)));
    }

    @ResetHandler
    void reset() {
        deals.deleteAll();
    }
}

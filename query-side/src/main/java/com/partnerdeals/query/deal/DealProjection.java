package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.NewsletterSubscriptionSubmitted;
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

    @EventHandler
    void on(DealAccepted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(DealDenied event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(DealStageChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(NewsletterSubscriptionSubmitted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(DealTrialStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(DealNoteAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(DealClosedWon event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(DealClosedLost event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @EventHandler
    void on(DealReopened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.dealId(), event, sequence, at);
    }

    @ResetHandler
    void reset() {
        deals.deleteAll();
    }

    private void fold(String dealId, Object event, long sequence, Instant at) {
        deals.find(dealId)
                .filter(before -> sequence > before.version())
                .ifPresent(before -> deals.save(before, before.apply(event, sequence, at)));
    }
}

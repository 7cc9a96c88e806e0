package com.partnerdeals.command.deal;

import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReviewOverdue;
import com.partnerdeals.api.deal.DealWithdrawn;
import com.partnerdeals.command.CommandLookups;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The deals waiting for a review decision that have not yet been recorded overdue ({@code deal_pending_review}),
 * for the review deadline schedule (SPEC 12). Kept in step with the deal events inside the same transaction.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class PendingReviews {

    private final JdbcClient jdbc;

    PendingReviews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} deals registered at or before {@code registeredBy}, oldest first. */
    List<String> registeredBy(Instant registeredBy, int limit) {
        return jdbc.sql("""
                        SELECT deal_id FROM deal_pending_review WHERE registered_at <= ?
                        ORDER BY registered_at, deal_id LIMIT ?""")
                .params(registeredBy.atOffset(ZoneOffset.UTC), limit)
                .query(String.class)
                .list();
    }

    @EventHandler
    void on(DealRegistered event, @Timestamp Instant at) {
        jdbc.sql("INSERT INTO deal_pending_review (deal_id, registered_at) VALUES (?, ?)")
                .params(event.dealId(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(DealAccepted event) {
        done(event.dealId());
    }

    @EventHandler
    void on(DealDenied event) {
        done(event.dealId());
    }

    @EventHandler
    void on(DealWithdrawn event) {
        done(event.dealId());
    }

    @EventHandler
    void on(DealReviewOverdue event) {
        done(event.dealId());
    }

    private void done(String dealId) {
        jdbc.sql("DELETE FROM deal_pending_review WHERE deal_id = ?").param(dealId).update();
    }
}

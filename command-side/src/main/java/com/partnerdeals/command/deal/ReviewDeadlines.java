package com.partnerdeals.command.deal;

import com.partnerdeals.api.deal.MarkDealReviewOverdue;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records overdue reviews with no request at all (SPEC 12): every {@code portal.review.overdue-check-every} it looks
 * up the pending deals past their due time and sends each a {@link MarkDealReviewOverdue}. The state lives in the
 * database, so deals that fell due while the service was down are recorded on the first check after a start; the
 * Deal records the event once whoever sends the command how often, so several nodes may run the check.
 */
@Component
class ReviewDeadlines {

    private static final Logger log = LoggerFactory.getLogger(ReviewDeadlines.class);
    private static final int BATCH = 200;
    private static final int MAX_ROUNDS = 25;

    private final PendingReviews pending;
    private final CommandGateway commands;
    private final Clock clock;
    private final PortalProperties properties;

    ReviewDeadlines(PendingReviews pending, CommandGateway commands, Clock clock, PortalProperties properties) {
        this.pending = pending;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${portal.review.overdue-check-every:60s}",
            initialDelayString = "${portal.review.overdue-check-every:60s}")
    void recordOverdueReviews() {
        // Bounded, so deals the Deal declines to mark (not due after all) cannot keep the check busy.
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> due = pending.registeredBy(clock.instant().minus(properties.review().dueWithin()), BATCH);
            for (String dealId : due) {
                try {
                    commands.sendAndWait(new MarkDealReviewOverdue(dealId));
                } catch (RuntimeException failure) {
                    // Left for the next check; one deal must not hold up the others.
                    log.warn("Could not record the overdue review of deal {}", dealId, failure);
                }
            }
            if (due.size() < BATCH) {
                return;
            }
        }
    }
}

package com.partnerdeals.command.deal;

import com.partnerdeals.api.deal.MarkDealReviewOverdue;
import com.partnerdeals.command.DueCommands;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
        DueCommands.sendToEach(commands,
                batch -> pending.registeredBy(clock.instant().minus(properties.review().dueWithin()), batch),
                MarkDealReviewOverdue::new, "the overdue review");
    }
}

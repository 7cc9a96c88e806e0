package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.ExpireTrial;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes ended trials with no request at all: every {@code portal.trial.expiry-check-every} it looks up the
 * trials that ended and sends each an {@link ExpireTrial}. The state lives in the database, so trials that
 * ended while the service was down are closed on the first check after a start; the Trial ignores the
 * command unless it is due, so several nodes (or repeated checks) still record one TrialExpired.
 */
@Component
class TrialExpiry {

    private static final Logger log = LoggerFactory.getLogger(TrialExpiry.class);
    private static final int BATCH = 200;
    private static final int MAX_ROUNDS = 25;

    private final CustomerAccountDirectory accounts;
    private final CommandGateway commands;
    private final Clock clock;

    TrialExpiry(CustomerAccountDirectory accounts, CommandGateway commands, Clock clock) {
        this.accounts = accounts;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${portal.trial.expiry-check-every:30s}",
            initialDelayString = "${portal.trial.expiry-check-every:30s}")
    void closeEndedTrials() {
        // Bounded, so accounts the Trial declines to close (not due after all) cannot keep the check busy.
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> ended = accounts.endedTrials(clock.instant(), BATCH);
            for (String customerId : ended) {
                try {
                    commands.sendAndWait(new ExpireTrial(customerId));
                } catch (RuntimeException failure) {
                    // Left for the next check; one account must not hold up the others.
                    log.warn("Could not close the ended trial of customer {}", customerId, failure);
                }
            }
            if (ended.size() < BATCH) {
                return;
            }
        }
    }
}

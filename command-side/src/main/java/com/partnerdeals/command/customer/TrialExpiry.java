package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.ExpireTrial;
import com.partnerdeals.command.DueCommands;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
        DueCommands.sendToEach(commands, batch -> accounts.endedTrials(clock.instant(), batch), ExpireTrial::new,
                "the end of the trial");
    }
}

package com.partnerdeals.command;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the schedules do with what has fallen due (ended trials, overdue reviews): send each aggregate its command,
 * a batch at a time. The aggregate decides whether it really is due, so a repeated check or a second node changes
 * nothing; the rounds are bounded so that aggregates that decline cannot keep a check busy.
 */
public final class DueCommands {

    private static final Logger log = LoggerFactory.getLogger(DueCommands.class);
    private static final int BATCH = 200;
    private static final int MAX_ROUNDS = 25;

    private DueCommands() {
    }

    /**
     * @param due     up to the given number of aggregate ids that are due now
     * @param command the command for one of them
     * @param what    what the command records, for the log line of a failure
     */
    public static void sendToEach(CommandGateway commands, IntFunction<List<String>> due,
                                  Function<String, Object> command, String what) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> ids = due.apply(BATCH);
            for (String id : ids) {
                try {
                    commands.sendAndWait(command.apply(id));
                } catch (RuntimeException failure) {
                    // Left for the next check; one aggregate must not hold up the others.
                    log.warn("Could not record {} of {}", what, id, failure);
                }
            }
            if (ids.size() < BATCH) {
                return;
            }
        }
    }
}

package com.partnerdeals.bench.throughput;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The realistic mix: the lifecycle of one deal, six commands over HTTP. The partner's consultant registers
 * it, the partner manager accepts it, the consultant moves it to the newsletter stage, adds two notes and
 * closes it: two deals in three won (with one of the three billing options), one lost.
 */
final class CommandMix {

    /** Told about every command as it completes, with the client's clock readings around it. */
    interface Observer {
        void completed(CommandKind kind, String dealId, long startNanos, long endNanos, ServiceApi.Reply reply);
    }

    private static final String[] BILLING = {"INVOICE", "CREDIT_CARD", "PARTNER_BILLING"};

    private final ServiceApi api;
    private final Participants participants;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong dealNumbers = new AtomicLong();

    CommandMix(ServiceApi api, Participants participants) {
        this.api = api;
        this.participants = participants;
    }

    ServiceApi api() {
        return api;
    }

    /** The same lifecycles, with deals of their own, sent through {@code other}. */
    CommandMix through(ServiceApi other) {
        return new CommandMix(other, participants);
    }

    /**
     * Runs the lifecycle of a new deal. Before each command it asks {@code proceed} (which may wait for the
     * client's turn, or say the run is over); a refused command ends the deal's lifecycle.
     */
    void runOneDeal(BooleanSupplier proceed, Observer observer) {
        long number = dealNumbers.incrementAndGet();
        int partner = (int) (number % participants.partners());
        String partnerToken = participants.partnerToken(partner);
        String dealId = UUID.randomUUID().toString();
        String path = "/api/deals/" + dealId;
        String domain = "customer-" + number + "-" + runId + ".example";

        if (!send(proceed, observer, CommandKind.REGISTER, dealId, "/api/deals", partnerToken, """
                {"dealId":"%s","customer":{"companyName":"Customer %d Oy","contactName":"Anna Virtanen",\
                "contactEmail":"anna.virtanen@%s","country":"FI"},"estimatedUsers":25,\
                "note":"Met at the ISO 27001 webinar"}""".formatted(dealId, number, domain))) {
            return;
        }
        if (!send(proceed, observer, CommandKind.ACCEPT, dealId, path + "/accept", participants.managerToken, null)) {
            return;
        }
        if (!send(proceed, observer, CommandKind.MOVE, dealId, path + "/stage", partnerToken,
                "{\"stage\":\"NEWSLETTER_SUBSCRIPTION\"}")) {
            return;
        }
        if (!send(proceed, observer, CommandKind.NOTE, dealId, path + "/notes", partnerToken,
                "{\"text\":\"Demo booked for Friday with their security officer\"}")) {
            return;
        }
        if (!send(proceed, observer, CommandKind.NOTE, dealId, path + "/notes", partnerToken,
                "{\"text\":\"Sent the proposal for 25 users\"}")) {
            return;
        }
        if (number % 3 == 0) {
            send(proceed, observer, CommandKind.CLOSE, dealId, path + "/close-lost", partnerToken,
                    "{\"reason\":\"Chose a competitor; reassess at renewal in spring\"}");
        } else {
            send(proceed, observer, CommandKind.CLOSE, dealId, path + "/close-won", partnerToken, """
                    {"billingOption":"%s","annualValue":{"amount":"4800.00","currency":"EUR"}}"""
                    .formatted(BILLING[(int) (number % BILLING.length)]));
        }
    }

    private boolean send(BooleanSupplier proceed, Observer observer, CommandKind kind, String dealId, String path,
                         String token, String body) {
        if (!proceed.getAsBoolean()) {
            return false;
        }
        long start = System.nanoTime();
        ServiceApi.Reply reply = api.post(path, token, body);
        long end = System.nanoTime();
        observer.completed(kind, dealId, start, end, reply);
        return reply.ok();
    }
}

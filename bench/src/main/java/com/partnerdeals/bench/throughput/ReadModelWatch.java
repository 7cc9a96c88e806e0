package com.partnerdeals.bench.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The deal-views projection as the admin endpoint reports it, and the board's deal count. */
final class ReadModelWatch {

    static final String DEAL_VIEWS = "deal-views";

    record Status(long position, long head, long lag, boolean replaying, double replayProgress, long deadLetters) {

        boolean upToDate() {
            return !replaying && lag == 0 && position >= head;
        }
    }

    private final ServiceApi api;
    private final String managerToken;

    ReadModelWatch(ServiceApi api, String managerToken) {
        this.api = api;
        this.managerToken = managerToken;
    }

    Status dealViews() {
        for (JsonNode projection : api.get("/api/admin/projections", managerToken).orThrow("Projection status").json()) {
            if (projection.path("name").asText().equals(DEAL_VIEWS)) {
                return new Status(projection.path("position").asLong(), projection.path("head").asLong(),
                        projection.path("lag").asLong(), projection.path("replaying").asBoolean(),
                        projection.path("replayProgress").asDouble(0), projection.path("deadLetters").asLong());
            }
        }
        throw new IllegalStateException("No " + DEAL_VIEWS + " in the projection status");
    }

    /** Polls every {@code every} until deal-views has handled every event in the store; answers the wait. */
    Duration awaitUpToDate(Duration every, Duration timeout) {
        long start = System.nanoTime();
        while (!dealViews().upToDate()) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalStateException("deal-views not up to date after " + timeout + ": " + dealViews());
            }
            Pause.millis(every.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    long dealsOnBoard() {
        return api.get("/api/deals?size=1", managerToken).orThrow("Board").json().path("totalItems").asLong();
    }

    long versionShown(String dealId) {
        ServiceApi.Reply view = api.get("/api/deals/" + dealId, managerToken);
        return view.status() == 200 ? view.version() : -1;
    }
}

package com.partnerdeals.bench.throughput;

import java.time.Duration;
import java.util.Map;

/**
 * Replays deal-views from the first event of a store filled to the wanted size, through the admin endpoint
 * an operator uses, and times it until the status shows the replay finished and no lag. Then checks the
 * rebuilt read model: every deal on the board, the sampled deals at their last version, no dead letters.
 */
final class ReplayMeasurement {

    private static final Duration POLL_EVERY = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMinutes(60);

    record Result(long eventsInStore, Duration took, long dealsExpected, long dealsOnBoard, int sampledDeals,
                  int sampledDealsWrong, long deadLetters) {

        double eventsPerSecond() {
            return eventsInStore / (took.toNanos() / 1e9);
        }

        boolean correct() {
            return dealsOnBoard == dealsExpected && sampledDealsWrong == 0 && deadLetters == 0;
        }
    }

    private ReplayMeasurement() {
    }

    static Result replay(ReadModelWatch readModel, ServiceApi api, String managerToken, EventSeeder.Seeded seeded,
                         long dealsExpected) {
        long start = System.nanoTime();
        api.post("/api/admin/projections/" + ReadModelWatch.DEAL_VIEWS + "/replay", managerToken, null)
                .orThrow("Replay");
        long lastReport = start;
        ReadModelWatch.Status status = readModel.dealViews();
        while (!status.upToDate()) {
            if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                throw new IllegalStateException("Replay not done after " + TIMEOUT + ": " + status);
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
                System.out.printf("    replaying: position %d of %d (%.0f s)%n", status.position(), status.head(),
                        (System.nanoTime() - start) / 1e9);
                lastReport = System.nanoTime();
            }
            Pause.millis(POLL_EVERY.toMillis());
            status = readModel.dealViews();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        int wrong = 0;
        for (Map.Entry<String, Long> sample : seeded.sampleVersions().entrySet()) {
            if (readModel.versionShown(sample.getKey()) != sample.getValue()) {
                wrong++;
            }
        }
        return new Result(seeded.eventsInStore(), took, dealsExpected, readModel.dealsOnBoard(),
                seeded.sampleVersions().size(), wrong, status.deadLetters());
    }
}

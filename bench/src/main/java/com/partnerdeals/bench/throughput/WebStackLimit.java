package com.partnerdeals.bench.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the web stack allows: {@code clients} closed-loop clients reading {@code GET /api/partners/{id}} with a
 * partner's token (authentication, one indexed row, JSON), the cheapest authenticated request the service has.
 */
final class WebStackLimit {

    private WebStackLimit() {
    }

    /** Requests per second over {@code duration}; every answer must be 200. */
    static double measure(ServiceApi api, Participants participants, int clients, Duration duration)
            throws InterruptedException {
        AtomicLong answered = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            String path = "/api/partners/" + participants.partnerId(client % participants.partners());
            String token = participants.partnerToken(client % participants.partners());
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    (api.get(path, token).status() == 200 ? answered : refused).incrementAndGet();
                }
            }, "read-" + client);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " reads were refused");
        }
        return answered.get() / ((System.nanoTime() - start) / 1e9);
    }
}

package com.partnerdeals.bench.throughput;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The database's maintenance ({@link TargetDatabase#maintain}) every minute while the service is under load, as
 * PostgreSQL's autovacuum does with its default settings (it wakes every minute and analyses a table once a tenth of
 * it has changed, which a table growing under load always has).
 *
 * <p>Why: the local server runs with autovacuum off, so the service's tables were never analysed during a run, and
 * the plans that the service's prepared statements cached in its first seconds, when the read-model tables were
 * nearly empty, stayed sequential scans for the whole run: each read of a batch's deal views took 1-16 ms instead of
 * about 0.1, which made commands visible late under load (bench/THROUGHPUT.md). A production server, with
 * autovacuum on, replans them.
 */
final class BackgroundMaintenance implements AutoCloseable {

    static final Duration EVERY = Duration.ofMinutes(1);

    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "database-maintenance");
        thread.setDaemon(true);
        return thread;
    });

    BackgroundMaintenance(TargetDatabase database) {
        schedule.scheduleWithFixedDelay(() -> {
            try {
                database.maintain();
            } catch (SQLException failed) {
                System.out.println("  (the database's maintenance failed: " + failed.getMessage() + ")");
            }
        }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}

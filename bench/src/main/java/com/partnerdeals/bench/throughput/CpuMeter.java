package com.partnerdeals.bench.throughput;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used by the three parties of a run: the service process, the database server's backends for the
 * benchmark's database (PostgreSQL only; H2 runs inside the service), and this load generator. Read from
 * /proc (Linux), so it counts CPU actually used, not time spent waiting for a core.
 */
final class CpuMeter {

    /** CPU seconds at one instant. */
    record Reading(double service, double database, double loadGenerator) {

        Reading minus(Reading earlier) {
            return new Reading(service - earlier.service, database - earlier.database,
                    loadGenerator - earlier.loadGenerator);
        }

        /** The CPU seconds used over {@code commands} commands as milliseconds per command. */
        Reading millisPerCommand(long commands) {
            double per = 1000.0 / commands;
            return new Reading(service * per, database * per, loadGenerator * per);
        }

        double total() {
            return service + database + loadGenerator;
        }
    }

    private static final double TICKS_PER_SECOND = 100;

    private final long servicePid;
    private final TargetDatabase database;

    CpuMeter(long servicePid, TargetDatabase database) {
        this.servicePid = servicePid;
        this.database = database;
    }

    Reading read() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(seconds(servicePid), databaseSeconds(), os.getProcessCpuTime() / 1e9);
    }

    private double databaseSeconds() {
        if (!(database instanceof TargetDatabase.Postgres)) {
            return 0;
        }
        return backends().map(pids -> pids.stream().mapToDouble(CpuMeter::seconds).sum()).orElse(Double.NaN);
    }

    /** PostgreSQL's backends serving the benchmark's database now; none on H2, which runs inside the service. */
    List<Long> databaseBackends() {
        return backends().orElse(List.of());
    }

    private Optional<List<Long>> backends() {
        if (!(database instanceof TargetDatabase.Postgres postgres)) {
            return Optional.of(List.of());
        }
        List<Long> backends = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.serverUrl() + "postgres", postgres.user(), "");
             Statement statement = connection.createStatement();
             ResultSet pids = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = '"
                     + postgres.database() + "'")) {
            while (pids.next()) {
                backends.add(pids.getLong(1));
            }
        } catch (SQLException unavailable) {
            return Optional.empty();
        }
        return Optional.of(backends);
    }

    /** A process's threads, /proc/PID/task/TID; none if the process is gone. */
    static List<Path> threads(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.toList();
        } catch (IOException | UncheckedIOException gone) {
            return List.of();
        }
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/PID/stat), 0 if it is gone. */
    private static double seconds(long pid) {
        return seconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** utime + stime from a process's or a thread's stat file, 0 if it is gone. */
    static double seconds(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}

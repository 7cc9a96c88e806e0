package com.partnerdeals.bench.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database allows, measured with pgbench's shape but through JDBC from this JVM, so that the same code
 * runs on H2 and PostgreSQL and pays the same driver costs as the service: {@code clients} threads, each running
 * one transaction after the other on its own connection, against a table shaped like Axon's event table (same
 * columns and unique keys), filled with {@code aggregates} aggregates of 6 events of about 600 bytes.
 * <ul>
 *   <li>an event-sourced command: read one aggregate's events, append one (what a command needs at least);</li>
 *   <li>a bare event append.</li>
 * </ul>
 * Runs before the service starts, in the service's database, in a table of its own that it drops afterwards.
 *
 * <p>On PostgreSQL, when {@code pgbench} is on the path, the same two transactions run through pgbench too, against
 * the same table: its C client spends less of the shared cores than this JVM's, so it finds the higher limit, and the
 * ratios are taken against it (the aim names pgbench's limit).
 */
final class DatabaseLimits {

    private static final int AGGREGATES = 20_000;
    private static final int EVENTS_PER_AGGREGATE = 6;
    private static final byte[] PAYLOAD = new byte[600];

    /** Transactions per second through JDBC and, where it ran, through pgbench. */
    record Result(double jdbcCommandShapedPerSecond, double jdbcAppendsPerSecond,
                  OptionalDouble pgbenchCommandShapedPerSecond, OptionalDouble pgbenchAppendsPerSecond) {

        /** The limit the ratios are taken against: pgbench's where it ran. */
        double commandShapedPerSecond() {
            return pgbenchCommandShapedPerSecond.orElse(jdbcCommandShapedPerSecond);
        }

        double appendsPerSecond() {
            return pgbenchAppendsPerSecond.orElse(jdbcAppendsPerSecond);
        }

        /** Which client measured the limits the ratios use. */
        String client() {
            return pgbenchCommandShapedPerSecond.isPresent() ? "pgbench" : "JDBC";
        }
    }

    private final String url;
    private final String user;
    private final int clients;
    private final Optional<List<String>> pgbenchConnection;
    private final Path workDirectory;

    DatabaseLimits(TargetDatabase database, int clients, Path workDirectory) {
        this.url = database.seedingUrl();
        this.user = database.user();
        this.clients = clients;
        this.pgbenchConnection = database.pgbenchConnection().filter(connection -> pgbenchInstalled());
        this.workDirectory = workDirectory;
    }

    Result measure(Duration warmUp, Duration measurement) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            createAndFill(connection);
        }
        try {
            run(this::commandShaped, warmUp);
            double command = run(this::commandShaped, measurement);
            run(this::append, warmUp);
            double append = run(this::append, measurement);
            OptionalDouble pgbenchCommand = OptionalDouble.empty();
            OptionalDouble pgbenchAppend = OptionalDouble.empty();
            if (pgbenchConnection.isPresent()) {
                pgbench(COMMAND_SCRIPT, warmUp);
                pgbenchCommand = OptionalDouble.of(pgbench(COMMAND_SCRIPT, measurement));
                pgbench(APPEND_SCRIPT, warmUp);
                pgbenchAppend = OptionalDouble.of(pgbench(APPEND_SCRIPT, measurement));
            }
            return new Result(command, append, pgbenchCommand, pgbenchAppend);
        } finally {
            try (Connection connection = DriverManager.getConnection(url, user, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE bench_event");
            }
        }
    }

    private interface Transaction {
        void run(Connection connection, AtomicLong sequence) throws SQLException;
    }

    /** Transactions per second over {@code duration}, all clients together. */
    private double run(Transaction transaction, Duration duration) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong sequence = new AtomicLong(System.nanoTime());
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, user, "")) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < deadline) {
                        try {
                            transaction.run(connection, sequence);
                            connection.commit();
                            done.incrementAndGet();
                        } catch (SQLException conflict) {
                            connection.rollback(); // two clients appended to one aggregate at once: as in the service
                        }
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "database-limit-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static final String PAYLOAD_LITERAL = "'\\x" + "00".repeat(PAYLOAD.length) + "'::bytea";
    private static final String INSERT_COLUMNS = "INSERT INTO bench_event (event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) ";
    /**
     * The command-shaped transaction for pgbench: the same read, then the append at the next sequence number. The
     * next number is read in the insert (pgbench cannot carry the read's last row over); a conflicting append (two
     * clients on one aggregate) does nothing instead of failing, which would stop pgbench's client.
     */
    private static final String COMMAND_SCRIPT = """
            \\set aid random(0, %d)
            BEGIN;
            SELECT global_index, event_identifier, sequence_number, time_stamp, payload_type, payload, meta_data FROM bench_event WHERE aggregate_identifier = 'aggregate-' || :aid AND sequence_number >= 0 ORDER BY sequence_number;
            %sSELECT 'event-' || :client_id || '-' || random()::text, 'aggregate-' || :aid, coalesce(max(sequence_number), -1) + 1, 'Deal', now()::text, 'bench.Event', NULL, %s, %s FROM bench_event WHERE aggregate_identifier = 'aggregate-' || :aid ON CONFLICT DO NOTHING;
            COMMIT;
            """.formatted(AGGREGATES - 1, INSERT_COLUMNS, PAYLOAD_LITERAL, PAYLOAD_LITERAL);
    private static final String APPEND_SCRIPT = """
            %sVALUES ('append-' || :client_id || '-' || random()::text, 'appended-' || :client_id || '-' || random()::text, 0, 'Deal', now()::text, 'bench.Event', NULL, %s, %s);
            """.formatted(INSERT_COLUMNS, PAYLOAD_LITERAL, PAYLOAD_LITERAL);
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private static boolean pgbenchInstalled() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }

    /** pgbench's transactions per second for {@code script}, {@code clients} clients on two threads, prepared statements. */
    private double pgbench(String script, Duration duration) throws IOException, InterruptedException {
        Path file = Files.createTempFile(Files.createDirectories(workDirectory), "pgbench-", ".sql");
        try {
            Files.writeString(file, script);
            List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c", String.valueOf(clients),
                    "-j", "2", "-T", String.valueOf(Math.max(1, duration.toSeconds())), "-f", file.toString()));
            command.addAll(pgbenchConnection.orElseThrow());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher tps = TPS.matcher(output);
            if (process.waitFor() != 0 || !tps.find()) {
                throw new IllegalStateException("pgbench failed: " + output);
            }
            return Double.parseDouble(tps.group(1));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Reads an aggregate's events and appends the next one, as Axon does for a command on an event-sourced aggregate. */
    private void commandShaped(Connection connection, AtomicLong sequence) throws SQLException {
        String aggregate = "aggregate-" + ThreadLocalRandom.current().nextInt(AGGREGATES);
        long last = -1;
        try (PreparedStatement read = connection.prepareStatement("""
                SELECT global_index, event_identifier, sequence_number, time_stamp, payload_type, payload, meta_data
                FROM bench_event WHERE aggregate_identifier = ? AND sequence_number >= ? ORDER BY sequence_number""")) {
            read.setString(1, aggregate);
            read.setLong(2, 0);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    rows.getBytes("payload");
                    last = rows.getLong("sequence_number");
                }
            }
        }
        insert(connection, aggregate, last + 1, sequence.incrementAndGet());
    }

    private void append(Connection connection, AtomicLong sequence) throws SQLException {
        long id = sequence.incrementAndGet();
        insert(connection, "appended-" + id, 0, id);
    }

    private static void insert(Connection connection, String aggregate, long sequenceNumber, long id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO bench_event (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Deal', ?, 'bench.Event', NULL, ?, ?)""")) {
            insert.setString(1, "event-" + id + "-" + ThreadLocalRandom.current().nextLong());
            insert.setString(2, aggregate);
            insert.setLong(3, sequenceNumber);
            insert.setString(4, Instant.now().toString());
            insert.setBytes(5, PAYLOAD);
            insert.setBytes(6, PAYLOAD);
            insert.executeUpdate();
        }
    }

    private static void createAndFill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_event");
            statement.execute("""
                    CREATE TABLE bench_event (
                        global_index         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                        event_identifier     VARCHAR(255) NOT NULL,
                        aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number      BIGINT       NOT NULL,
                        type                 VARCHAR(255),
                        time_stamp           VARCHAR(255) NOT NULL,
                        payload_type         VARCHAR(255) NOT NULL,
                        payload_revision     VARCHAR(255),
                        payload              BYTEA        NOT NULL,
                        meta_data            BYTEA,
                        CONSTRAINT uk_bench_event_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
                        CONSTRAINT uk_bench_event_identifier UNIQUE (event_identifier))""");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO bench_event (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Deal', ?, 'bench.Event', NULL, ?, ?)""")) {
            for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
                for (int event = 0; event < EVENTS_PER_AGGREGATE; event++) {
                    insert.setString(1, "seeded-" + aggregate + "-" + event);
                    insert.setString(2, "aggregate-" + aggregate);
                    insert.setLong(3, event);
                    insert.setString(4, Instant.now().toString());
                    insert.setBytes(5, PAYLOAD);
                    insert.setBytes(6, PAYLOAD);
                    insert.addBatch();
                }
                if (aggregate % 1000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
        try (Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                connection.setAutoCommit(true);
                statement.execute("VACUUM ANALYZE bench_event");
            }
        }
    }
}

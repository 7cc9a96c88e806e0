package com.partnerdeals.bench.throughput;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A database the service runs on during one pass: how the service is told to use it, how the seeder reaches
 * it (only while the service is stopped), and how it is made empty before the pass.
 */
interface TargetDatabase {

    String name();

    List<String> serviceArguments();

    /** JDBC URL for the event seeder; may add client-side batching options the service does not need. */
    String seedingUrl();

    String user();

    /** Empties the database: the service's Flyway migrations create the schema on start. */
    void recreate() throws IOException, SQLException;

    /**
     * Does what the database's background maintenance would have done by now: on PostgreSQL a VACUUM ANALYZE
     * (the local server runs with autovacuum off, so without it the planner would judge the read-model tables
     * by statistics from when they were empty). Answers what it did, for the report.
     */
    String maintain() throws SQLException;

    /** pgbench's connection options for this database, when pgbench can reach it (PostgreSQL only). */
    default Optional<List<String>> pgbenchConnection() {
        return Optional.empty();
    }

    /** Transactions the database has ended so far (committed and rolled back), where it counts them. */
    default OptionalLong transactionsEnded() throws SQLException, InterruptedException {
        return OptionalLong.empty();
    }

    /** The embedded default: an H2 file database, in PostgreSQL mode exactly as the service's default URL. */
    record H2(Path directory) implements TargetDatabase {

        public String name() {
            return "H2";
        }

        private String url() {
            return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("partnerdeals")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }

        public List<String> serviceArguments() {
            return List.of("--spring.datasource.url=" + url());
        }

        public String seedingUrl() {
            return url();
        }

        public String user() {
            return "sa";
        }

        public String maintain() {
            return "nothing (H2 keeps its statistics itself)";
        }

        public void recreate() throws IOException {
            if (Files.exists(directory)) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(directory);
        }
    }

    /** Production: PostgreSQL with the service's {@code postgres} profile, in a database of the benchmark's own. */
    record Postgres(String serverUrl, String database, String user) implements TargetDatabase {

        public String name() {
            return "PostgreSQL";
        }

        private String url() {
            return serverUrl + database;
        }

        public List<String> serviceArguments() {
            return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url(),
                    "--spring.datasource.username=" + user);
        }

        public String seedingUrl() {
            return url() + "?reWriteBatchedInserts=true";
        }

        public Optional<List<String>> pgbenchConnection() {
            URI server = URI.create(serverUrl.substring("jdbc:".length()));
            return Optional.of(List.of("-h", server.getHost(), "-p", String.valueOf(server.getPort() < 0 ? 5432 : server.getPort()),
                    "-U", user, database));
        }

        /**
         * From {@code pg_stat_database}. Backends report their counts at most once a second, so a reading waits a
         * little more than that first; a reading can still miss up to a second of an idle connection's work.
         */
        public OptionalLong transactionsEnded() throws SQLException, InterruptedException {
            Thread.sleep(1_500);
            try (Connection connection = DriverManager.getConnection(url(), user, "");
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                         + "WHERE datname = current_database()")) {
                row.next();
                return OptionalLong.of(row.getLong(1));
            }
        }

        public String maintain() throws SQLException {
            try (Connection connection = DriverManager.getConnection(url(), user, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE");
            }
            return "VACUUM ANALYZE";
        }

        public void recreate() throws SQLException {
            try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }
}

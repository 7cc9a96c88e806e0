package com.partnerdeals.query.customer;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.customer.CustomerOverview;
import com.partnerdeals.api.customer.CustomerSort;
import com.partnerdeals.api.customer.ListCustomers;
import com.partnerdeals.platform.config.PortalProperties;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Latency of the customer overview's queries over a large read model (SPEC 6; the performance
 * figures). It seeds the overview's tables directly with SQL (it measures queries over seeded read-model
 * rows, not event ingestion), then runs each query many times through the real query code
 * ({@link CustomerOverviewQueries} and {@link CustomerOverviewRows}, without HTTP and Axon's query bus) and
 * prints the median and 99th percentile, for a tenth of the data and for the full size. The tab counts are
 * stored by the real {@link TabCounts} recount first, as the scheduled recount keeps them in the service.
 *
 * <p>Lives in the overview's package because the query classes are package-private.
 *
 * <p>Arguments: {@code --db=h2|postgres} (PostgreSQL database {@code partnerdeals_bench} on localhost,
 * created if missing; H2 file under {@code bench/target/h2}), {@code --scales=tenth,full},
 * {@code --runs=1000}.
 */
public final class CustomerOverviewBenchmark {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final int ACCOUNTS_PER_PARTNER = 100;
    static final int MEAN_ACTIVITIES_PER_ACCOUNT = 100;
    static final String[] WORDS = {"Nordic", "Baltic", "Alpine", "Harbor", "Granite", "Aurora", "Summit", "Meadow",
            "Cobalt", "Falcon", "Juniper", "Lumen", "Meridian", "Northwind", "Orchid", "Pioneer", "Quartz", "Rowan",
            "Saffron", "Tundra", "Umber", "Vertex", "Willow", "Zephyr"};
    static final String[] SUFFIXES = {"Oy", "AB", "A/S", "AS", "GmbH", "Ltd", "BV", "SA"};
    static final String[] FRAMEWORKS = {"ISO 27001", "NIS2", "SOC 2", "GDPR", "TISAX", "DORA"};

    record Scale(String name, int partners) {
        int accounts() {
            return partners * ACCOUNTS_PER_PARTNER;
        }
    }

    record Figures(String query, double medianMs, double p99Ms, double maxMs, long resultRows) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String db = options.getOrDefault("db", "h2");
        int runs = Integer.parseInt(options.getOrDefault("runs", "1000"));
        List<Scale> scales = Arrays.stream(options.getOrDefault("scales", "tenth,full").split(","))
                .map(name -> switch (name) {
                    case "tenth" -> new Scale("tenth", 100);
                    case "full" -> new Scale("full", 1000);
                    default -> throw new IllegalArgumentException("scale " + name);
                })
                .toList();
        System.out.printf("Customer overview benchmark on %s (%s, %d cores), %d runs per query%n", db,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs);
        for (Scale scale : scales) {
            try (Connection connection = connect(db, scale)) {
                long seedStart = System.nanoTime();
                long activities = seed(connection, db, scale);
                System.out.printf("%n%s: %d partners, %d accounts, %d activities; seeded in %.0f s%n", scale.name(),
                        scale.partners(), scale.accounts(), activities, (System.nanoTime() - seedStart) / 1e9);
                measure(connection, db, scale, runs).forEach(f -> System.out.printf(Locale.ROOT,
                        "| %s | %s | %s | %.2f | %.2f | %.2f | %d |%n", db, scale.name(), f.query(), f.medianMs(),
                        f.p99Ms(), f.maxMs(), f.resultRows()));
            }
        }
    }

    static Connection connect(String db, Scale scale) throws SQLException, IOException {
        Connection connection;
        if (db.equals("postgres")) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                 Statement statement = admin.createStatement()) {
                if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'partnerdeals_bench'").next()) {
                    statement.execute("CREATE DATABASE partnerdeals_bench");
                }
            }
            connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/partnerdeals_bench", "postgres", "");
        } else {
            Path directory = Path.of("bench", "target", "h2");
            Files.createDirectories(directory);
            connection = DriverManager.getConnection("jdbc:h2:file:" + directory.toAbsolutePath().resolve(scale.name())
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        }
        Flyway flyway = Flyway.configure().dataSource(new SingleConnectionDataSource(connection, true))
                .locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        return connection;
    }

    /** An account as seeded; activities are generated from it. */
    record Account(String customerId, String partnerId, String dealId, String companyName, String domain, String status,
                   Instant startedAt, Instant trialEndsAt, Instant subscribedAt, boolean extensionRequested,
                   String mainFramework, int progress, int users, boolean dealOpen) {
    }

    static long seed(Connection connection, String db, Scale scale) throws Exception {
        Random random = new Random(42);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < scale.accounts(); i++) {
            accounts.add(account(random, i, "bench-partner-%04d".formatted(random.nextInt(scale.partners()))));
        }
        // Activities are written account by account in key order, as a steady stream would fill the index.
        accounts.sort(Comparator.comparing(Account::customerId));
        connection.setAutoCommit(false);
        Inserter inserter = db.equals("postgres") ? new CopyInserter(connection) : new BatchInserter(connection);
        long activityCount = 0;
        StringBuilder overviewRows = new StringBuilder();
        StringBuilder dealRows = new StringBuilder();
        StringBuilder activityRows = new StringBuilder();
        int pending = 0;
        for (Account account : accounts) {
            Instant from = max(account.startedAt(), NOW.minus(Duration.ofDays(180)));
            long span = Duration.between(from, NOW).toSeconds();
            int count = span <= 0 ? 0 : random.nextInt(2 * MEAN_ACTIVITIES_PER_ACCOUNT + 1);
            Instant last = null;
            Instant oldestInWindow = null;
            long inWindow = 0;
            Instant windowStart = NOW.minus(Duration.ofDays(90));
            for (int a = 0; a < count; a++) {
                Instant at = from.plusSeconds((long) (random.nextDouble() * span));
                last = last == null || at.isAfter(last) ? at : last;
                if (at.isAfter(windowStart)) {
                    inWindow++;
                    oldestInWindow = oldestInWindow == null || at.isBefore(oldestInWindow) ? at : oldestInWindow;
                }
                csv(activityRows, account.customerId(), ts(at), "a" + a);
            }
            activityCount += count;
            csv(overviewRows, account.customerId(), account.partnerId(), account.dealId(), account.companyName(),
                    account.companyName().toLowerCase(Locale.ROOT), account.domain(), account.status(),
                    ts(account.startedAt()), ts(account.trialEndsAt()), ts(account.subscribedAt()),
                    Boolean.toString(account.extensionRequested()), account.mainFramework(),
                    account.mainFramework() == null ? null : Integer.toString(account.progress()),
                    Integer.toString(account.users()), ts(last), Long.toString(inWindow), ts(oldestInWindow));
            csv(dealRows, account.dealId(), Boolean.toString(account.dealOpen()));
            if (++pending == 2000) {
                flush(inserter, overviewRows, dealRows, activityRows);
                pending = 0;
            }
        }
        flush(inserter, overviewRows, dealRows, activityRows);
        connection.commit();
        connection.setAutoCommit(true);
        analyze(connection, db);
        return activityCount;
    }

    /** What autovacuum does after a mass change in production (the local server runs with it off). */
    static void analyze(Connection connection, String db) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(db.equals("postgres") ? "VACUUM ANALYZE" : "ANALYZE");
        }
    }

    static Account account(Random random, int index, String partnerId) {
        String name = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " "
                + SUFFIXES[random.nextInt(SUFFIXES.length)] + " " + index;
        String domain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".example";
        double kind = random.nextDouble();
        Instant started;
        Instant trialEnds;
        String status;
        Instant subscribed = null;
        if (kind < 0.45) {
            started = NOW.minus(Duration.ofMinutes(random.nextInt(20 * 24 * 60)));
            trialEnds = started.plus(Duration.ofDays(random.nextDouble() < 0.1 ? 44 : 14));
            status = "TRIAL"; // some of these have ended and are shown CLOSED at request time
        } else if (kind < 0.75) {
            started = NOW.minus(Duration.ofMinutes(15 * 24 * 60 + random.nextInt(700 * 24 * 60)));
            trialEnds = started.plus(Duration.ofDays(14));
            subscribed = started.plus(Duration.ofMinutes(random.nextInt(14 * 24 * 60)));
            status = "ACTIVE";
        } else {
            started = NOW.minus(Duration.ofMinutes(15 * 24 * 60 + random.nextInt(400 * 24 * 60)));
            trialEnds = started.plus(Duration.ofDays(14));
            status = "CLOSED";
        }
        String framework = random.nextDouble() < 0.25 ? null : FRAMEWORKS[random.nextInt(FRAMEWORKS.length)];
        return new Account(new UUID(random.nextLong(), random.nextLong()).toString(), partnerId,
                new UUID(random.nextLong(), random.nextLong()).toString(), name, domain, status, started, trialEnds,
                subscribed, status.equals("TRIAL") && random.nextDouble() < 0.05, framework, random.nextInt(101),
                1 + random.nextInt(50), random.nextDouble() < 0.4);
    }

    interface Inserter {
        void insert(String table, String columns, int columnCount, String rows) throws Exception;
    }

    /** PostgreSQL: COPY, the fastest way in. */
    record CopyInserter(Connection connection) implements Inserter {
        @Override
        public void insert(String table, String columns, int columnCount, String rows) throws Exception {
            new CopyManager(connection.unwrap(BaseConnection.class))
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)", new StringReader(rows));
        }
    }

    /** H2: JDBC batches of the same CSV rows (empty field = NULL). */
    record BatchInserter(Connection connection) implements Inserter {
        @Override
        public void insert(String table, String columns, int columnCount, String rows) throws Exception {
            String placeholders = String.join(", ", java.util.Collections.nCopies(columnCount, "?"));
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")")) {
                for (String line : rows.split("\n")) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] fields = line.split(",", -1);
                    for (int i = 0; i < columnCount; i++) {
                        statement.setString(i + 1, fields[i].isEmpty() ? null : fields[i]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    static void flush(Inserter inserter, StringBuilder overview, StringBuilder deals, StringBuilder activities)
            throws Exception {
        inserter.insert("customer_overview", "customer_id, partner_id, deal_id, company_name, company_name_key, domain, "
                + "status, started_at, trial_ends_at, subscribed_at, extension_requested, main_framework, "
                + "framework_progress, users, last_activity_at, activities_in_window, window_oldest_at", 17,
                overview.toString());
        inserter.insert("customer_overview_deal", "deal_id, is_open", 2, deals.toString());
        inserter.insert("customer_overview_activity", "customer_id, occurred_at, activity_id", 3, activities.toString());
        overview.setLength(0);
        deals.setLength(0);
        activities.setLength(0);
    }

    /** One CSV line; names never contain commas or quotes here, null is an empty field. */
    static void csv(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (fields[i] != null) {
                out.append(fields[i]);
            }
        }
        out.append('\n');
    }

    static String ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static List<Figures> measure(Connection connection, String db, Scale scale, int runs) throws SQLException {
        PortalProperties properties = new PortalProperties(null, null, null, null, null, null, null, null);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TickingClock clock = new TickingClock();
        TabCounts tabCounts = new TabCounts(jdbc, new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
                clock, properties);
        // The seeded rows are all due, as after a replay: the scheduled recount's first run counts them.
        long countStart = System.nanoTime();
        long counted = 0;
        for (int batch = tabCounts.recount(NOW); batch > 0; batch = tabCounts.recount(NOW)) {
            counted += batch;
        }
        System.out.printf(Locale.ROOT, "tab counts: first recount of %d accounts took %.1f s%n", counted,
                (System.nanoTime() - countStart) / 1e9);
        // The recount rewrote every row; statistics from before it would plan the due rows as all rows.
        analyze(connection, db);
        CustomerOverviewQueries queries = new CustomerOverviewQueries(new CustomerOverviewRows(jdbc, tabCounts,
                properties), clock);
        Random random = new Random(7);
        IntFunction<String> anyPartner = i -> "bench-partner-%04d".formatted(random.nextInt(scale.partners()));
        PageRequest first = new PageRequest(0, PageRequest.DEFAULT_SIZE);
        List<Figures> figures = new ArrayList<>();
        figures.add(run("partner: first page", runs, i -> queries.handle(new ListCustomers(
                Viewer.partner(anyPartner.apply(i)), null, Set.of(), false, null, null, first))));
        figures.add(run("partner: needsAttention", runs, i -> queries.handle(new ListCustomers(
                Viewer.partner(anyPartner.apply(i)), null, Set.of(), true, null, null, first))));
        figures.add(run("manager: first page, all customers", runs, i -> queries.handle(new ListCustomers(
                Viewer.vendorStaff(), null, Set.of(), false, null, null, first))));
        figures.add(run("manager: needsAttention, all customers", runs, i -> queries.handle(new ListCustomers(
                Viewer.vendorStaff(), null, Set.of(), true, null, null, first))));
        figures.add(run("manager: sorted by activitiesLast90Days", runs, i -> queries.handle(new ListCustomers(
                Viewer.vendorStaff(), null, Set.of(), false, null,
                new CustomerSort(CustomerSort.Field.ACTIVITIES_LAST_90_DAYS, false), first))));
        // Between two scheduled recounts the accounts changed meanwhile are due and recounted by each request.
        int due = scale.accounts() / 100;
        jdbc.sql("UPDATE customer_overview SET count_due_at = :due WHERE customer_id IN "
                        + "(SELECT customer_id FROM customer_overview ORDER BY domain LIMIT :limit)")
                .param("due", TabCounts.DUE_NOW).param("limit", due).update();
        figures.add(run("manager: first page, %d accounts due".formatted(due), runs, i -> queries.handle(
                new ListCustomers(Viewer.vendorStaff(), null, Set.of(), false, null, null, first))));
        return figures;
    }

    /**
     * "Now" moves on by a millisecond at every reading, as it does between real requests; it also keeps H2
     * from answering a repeated identical query from its result cache.
     */
    static final class TickingClock extends Clock {
        private final AtomicLong ticks = new AtomicLong();

        @Override
        public Instant instant() {
            return NOW.plusMillis(ticks.incrementAndGet());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static Figures run(String name, int runs, IntFunction<CustomerOverview> query) {
        long rows = 0;
        for (int i = 0; i < Math.max(50, runs / 10); i++) {
            rows = query.apply(i).totalItems(); // warm-up: JIT, plans, caches
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            query.apply(i);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new Figures(name, millis[runs / 2], millis[(int) Math.ceil(runs * 0.99) - 1], millis[runs - 1], rows);
    }

    static Map<String, String> options(String[] args) {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            String[] parts = arg.replaceFirst("^--", "").split("=", 2);
            options.put(parts[0], parts.length > 1 ? parts[1] : "true");
        }
        return options;
    }
}

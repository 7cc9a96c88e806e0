package com.partnerdeals.bench.throughput;

import com.partnerdeals.platform.testing.Tokens;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Command throughput, read-model visibility and replay rate of the all-in-one service, on H2 and on
 * PostgreSQL. For each database: a fresh database, the service's executable jar started as a child process,
 * then
 * <ol>
 *   <li>throughput: the command mix from {@code bench.clients} closed-loop clients, a warm-up run, then a
 *       measured run;</li>
 *   <li>visibility: a probe client's command-to-read-model delay, idle, under moderate load (half the
 *       measured throughput) and under full load (all clients as fast as they go);</li>
 *   <li>replay: the service stopped, the event store filled to {@code bench.replayEvents} events, the service
 *       started and caught up, then deal-views replayed from the first event;</li>
 *   <li>on PostgreSQL, the split deployment ({@link SplitDeployment}): the command side's throughput alone and the
 *       visibility from one process to the other.</li>
 * </ol>
 * Run from the checkout's root; see bench/THROUGHPUT.md.
 */
public final class ThroughputBenchmark {

    private static final String SECRET = "benchmark-only-secret-0123456789abcdef0123";
    /** The partners whose consultants register the deals; the same in every run and in the side-by-side mode. */
    static final int PARTNERS = 32;

    private final BenchmarkSettings settings;
    private final List<String> summary = new ArrayList<>();

    private ThroughputBenchmark(BenchmarkSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        Files.createDirectories(settings.workDirectory());
        Path report = settings.workDirectory().resolve("report.txt");
        try (PrintStream toFile = new PrintStream(Files.newOutputStream(report), true, StandardCharsets.UTF_8)) {
            System.setOut(new Tee(System.out, toFile));
            new ThroughputBenchmark(settings).run();
        }
        System.out.println("(also written to " + report + ")");
    }

    private void run() throws Exception {
        printMachine();
        if (settings.compareWith() != null) {
            new PairedComparison(settings, SECRET).run();
            return;
        }
        for (String database : settings.databases()) {
            TargetDatabase target = switch (database.trim().toLowerCase()) {
                case "h2" -> new TargetDatabase.H2(settings.workDirectory().resolve("h2"));
                case "postgres", "postgresql" -> new TargetDatabase.Postgres(settings.postgresServerUrl(),
                        settings.postgresDatabase(), settings.postgresUser());
                default -> throw new IllegalArgumentException("Unknown database " + database + " (h2, postgres)");
            };
            pass(target);
        }
        System.out.println();
        System.out.println("== Summary ==");
        summary.forEach(System.out::println);
    }

    private static String viaPgbench(OptionalDouble perSecond) {
        return perSecond.isPresent() ? String.format(", %,.0f transactions/s (pgbench)", perSecond.getAsDouble()) : "";
    }

    private void pass(TargetDatabase database) throws Exception {
        System.out.println();
        System.out.println("== " + database.name() + " ==  (started " + Instant.now() + ", load average " + loadAverage() + ")");
        database.recreate();
        System.out.printf("The database's limits (%d clients, pgbench-shaped; %d s each; JDBC, then pgbench where it "
                        + "is installed) ...%n", settings.clients(), settings.limitMeasurement().toSeconds());
        DatabaseLimits.Result limits = new DatabaseLimits(database, settings.clients(), settings.workDirectory())
                .measure(Duration.ofSeconds(5), settings.limitMeasurement());
        System.out.printf("  event-sourced command (read an aggregate's 6 events, append one): %,.0f transactions/s "
                + "(JDBC)%s%n", limits.jdbcCommandShapedPerSecond(), viaPgbench(limits.pgbenchCommandShapedPerSecond()));
        System.out.printf("  bare event append: %,.0f transactions/s (JDBC)%s%n", limits.jdbcAppendsPerSecond(),
                viaPgbench(limits.pgbenchAppendsPerSecond()));
        System.out.printf("  the ratios below are taken against %s's figures%n", limits.client());
        Path log = settings.workDirectory().resolve("service-" + database.name().toLowerCase() + ".log");
        Files.deleteIfExists(log);
        Participants participants = new Participants(new Tokens(SECRET), PARTNERS);

        CommandLoad.Result measured;
        VisibilityProbe.Result idle;
        VisibilityProbe.Result moderate;
        VisibilityProbe.Result full;
        CommandLoad.Result moderateLoad;
        CommandLoad.Result fullLoad;
        long dealsBeforeSeeding;
        double webLimit;
        try (ServiceProcess service = ServiceProcess.start(settings, database, SECRET, log);
             BackgroundMaintenance maintenance = new BackgroundMaintenance(database)) {
            System.out.printf("The database's maintenance every %d s while the service runs, as autovacuum's would "
                    + "(VACUUM ANALYZE on PostgreSQL, nothing on H2)%n", BackgroundMaintenance.EVERY.toSeconds());
            participants.register(service.api);
            CommandMix mix = new CommandMix(service.api, participants);
            ReadModelWatch readModel = new ReadModelWatch(service.api, participants.managerToken);

            System.out.printf("Throughput: %d clients, warm-up %d s ...%n", settings.clients(), settings.warmUp().toSeconds());
            CommandLoad.Result warmUp = CommandLoad.run(mix, settings.clients(), settings.warmUp(), 0);
            System.out.printf("  warm-up: %.0f commands/s%n", warmUp.commandsPerSecond());
            JitActivity jit = new JitActivity(service.pid());
            jit.settle(mix, settings.clients(), settings.warmUp());
            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            System.out.printf("  measured run of %d s ...%n", settings.measurement().toSeconds());
            JitActivity.Reading compiledBefore = jit.read();
            CpuMeter cpu = new CpuMeter(service.pid(), database);
            List<CoreWaits.Party> parties = database instanceof TargetDatabase.Postgres
                    ? List.of(CoreWaits.Party.process("service", service.pid()),
                            new CoreWaits.Party("database", cpu::databaseBackends))
                    : List.of(CoreWaits.Party.process("service", service.pid()));
            OptionalLong transactionsBefore = database.transactionsEnded();
            CpuMeter.Reading before = cpu.read();
            PhaseWaits measuredRun = PhaseWaits.startingNow(parties);
            measured = CommandLoad.run(mix, settings.clients(), settings.measurement(), 0);
            String pausesMeanwhile = measuredRun.pauses("service", service.gcPauses);
            String waitsMeanwhile = measuredRun.coreWaits();
            CpuMeter.Reading used = cpu.read().minus(before);
            OptionalLong transactionsAfter = database.transactionsEnded();
            String jitMeanwhile = JitActivity.describe(jit.read().compilerShareSince(compiledBefore));
            printLoad(measured);
            printCpu(used, measured);
            System.out.printf("    during the measured run %s%n", jitMeanwhile);
            System.out.printf("    %s%n    %s%n", pausesMeanwhile, waitsMeanwhile);
            // Measured now, on a JIT the command load has warmed: right after the start it reads several times slower.
            webLimit = WebStackLimit.measure(service.api, participants, settings.clients(), settings.limitMeasurement());
            System.out.printf("    the web stack's limit: GET /api/partners/{id} with a token, %d clients: %,.0f requests/s%n",
                    settings.clients(), webLimit);
            if (transactionsBefore.isPresent() && transactionsAfter.isPresent()) {
                System.out.printf("    database transactions per command: %.2f (pg_stat_database, all the service's "
                                + "connections)%n",
                        (transactionsAfter.getAsLong() - transactionsBefore.getAsLong()) / (double) measured.commands());
            }
            System.out.printf("    ratios: %.1f %% of the event-sourced command limit, %.1f %% of the bare append limit, "
                            + "%.1f %% of the web stack's read limit%n",
                    100 * measured.commandsPerSecond() / limits.commandShapedPerSecond(),
                    100 * measured.commandsPerSecond() / limits.appendsPerSecond(),
                    100 * measured.commandsPerSecond() / webLimit);

            System.out.println("Visibility (command response -> GET /api/deals/{id} shows its version):");
            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            PhaseWaits idlePhase = PhaseWaits.startingNow(parties);
            idle = new VisibilityProbe(mix, service.api, participants.managerToken).run(settings.idleVisibilitySamples());
            printVisibility("idle", idle, null, idlePhase.pauses("service", service.gcPauses), idlePhase.coreWaits());

            double moderateRate = measured.commandsPerSecond() / 2;
            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            PhaseWaits moderatePhase = PhaseWaits.startingNow(parties);
            CompletableFuture<CommandLoad.Result> load = CompletableFuture.supplyAsync(() ->
                    CommandLoad.run(mix, settings.clients(), settings.visibilityUnderLoad(), moderateRate));
            moderate = new VisibilityProbe(mix, service.api, participants.managerToken).run(() -> !load.isDone());
            moderateLoad = load.join();
            printVisibility(String.format("moderate load (%d clients paced to %.0f commands/s)", settings.clients(),
                    moderateRate), moderate, moderateLoad, moderatePhase.pauses("service", service.gcPauses),
                    moderatePhase.coreWaits());

            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            PhaseWaits fullPhase = PhaseWaits.startingNow(parties);
            CompletableFuture<CommandLoad.Result> fullSpeed = CompletableFuture.supplyAsync(() ->
                    CommandLoad.run(mix, settings.clients(), settings.visibilityUnderLoad(), 0));
            full = new VisibilityProbe(mix, service.api, participants.managerToken).run(() -> !fullSpeed.isDone());
            fullLoad = fullSpeed.join();
            printVisibility(String.format("full load (%d clients unpaced)", settings.clients()), full, fullLoad,
                    fullPhase.pauses("service", service.gcPauses), fullPhase.coreWaits());

            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            dealsBeforeSeeding = readModel.dealsOnBoard();
        }

        ReplayMeasurement.Result replay = settings.replayEvents() > 0
                ? replay(database, participants, log, dealsBeforeSeeding)
                : null;
        SplitDeployment.Result split = settings.split() && database instanceof TargetDatabase.Postgres
                ? SplitDeployment.measure(settings, database, SECRET, participants)
                : null;
        if (split != null) {
            System.out.printf("    ratio: the command side alone at %.1f %% of the event-sourced command limit%n",
                    100 * split.measured().commandsPerSecond() / limits.commandShapedPerSecond());
        }
        System.out.println("Load average after: " + loadAverage());

        summary.add(String.format("%-10s  limits (%s): command-shaped %,.0f/s, append %,.0f/s, web read %,.0f/s; %6.0f commands/s "
                        + "= %.1f %% of the command-shaped limit (p50 %.1f ms, p99 %.1f ms)  visibility p50/p99: idle %.1f/%.1f ms, "
                        + "moderate %.1f/%.1f ms, full %.1f/%.1f ms  %s",
                database.name(), limits.client(), limits.commandShapedPerSecond(), limits.appendsPerSecond(), webLimit,
                measured.commandsPerSecond(), 100 * measured.commandsPerSecond() / limits.commandShapedPerSecond(),
                measured.overall().medianMillis(),
                measured.overall().p99Millis(), idle.delay().medianMillis(), idle.delay().p99Millis(),
                moderate.delay().medianMillis(), moderate.delay().p99Millis(), full.delay().medianMillis(),
                full.delay().p99Millis(), replay == null ? "replay not run" : String.format(
                        "replay %,.0f events/s (%,d in %.1f s)%s", replay.eventsPerSecond(), replay.eventsInStore(),
                        replay.took().toNanos() / 1e9, replay.correct() ? "" : "  (replay check FAILED)")));
        if (split != null) {
            summary.add(String.format("%-10s  split deployment: command side alone %,.0f commands/s = %.1f %% of the "
                            + "command-shaped limit (p50 %.1f ms, p99 %.1f ms; CPU per command: command side %.2f, query "
                            + "side %.2f, database %.2f ms); visibility across processes p50/p99: idle "
                            + "%.1f/%.1f ms, moderate %.1f/%.1f ms, full %.1f/%.1f ms", "",
                    split.measured().commandsPerSecond(), 100 * split.measured().commandsPerSecond() / limits.commandShapedPerSecond(),
                    split.measured().overall().medianMillis(), split.measured().overall().p99Millis(),
                    split.commandSideCpuMillis(), split.querySideCpuMillis(), split.databaseCpuMillis(),
                    split.idle().delay().medianMillis(), split.idle().delay().p99Millis(),
                    split.moderate().delay().medianMillis(), split.moderate().delay().p99Millis(),
                    split.full().delay().medianMillis(), split.full().delay().p99Millis()));
        }
    }

    private ReplayMeasurement.Result replay(TargetDatabase database, Participants participants, Path log,
                                            long dealsBeforeSeeding) throws Exception {
        System.out.printf("Replay: filling the event store to %,d events (service stopped) ...%n", settings.replayEvents());
        EventSeeder.Seeded seeded = EventSeeder.seed(database, settings.replayEvents());
        System.out.printf("  %,d events there, %,d seeded (%,d deals) in %.0f s; then %s%n", seeded.eventsInStore(),
                seeded.eventsSeeded(), seeded.dealsSeeded(), seeded.took().toNanos() / 1e9, database.maintain());
        ReplayMeasurement.Result replay;
        try (ServiceProcess service = ServiceProcess.start(settings, database, SECRET, log)) {
            ReadModelWatch readModel = new ReadModelWatch(service.api, participants.managerToken);
            Duration catchUp = readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(60));
            System.out.printf("  catch-up of the %,d seeded events after the restart: %.1f s (%,.0f events/s)%n",
                    seeded.eventsSeeded(), catchUp.toNanos() / 1e9, seeded.eventsSeeded() / (catchUp.toNanos() / 1e9));
            System.out.println("  " + database.maintain() + ", then POST /api/admin/projections/deal-views/replay ...");
            replay = ReplayMeasurement.replay(readModel, service.api, participants.managerToken, seeded,
                    dealsBeforeSeeding + seeded.dealsSeeded());
        }
        System.out.printf("  replay of %,d events: %.1f s, %,.0f events/s%n", replay.eventsInStore(),
                replay.took().toNanos() / 1e9, replay.eventsPerSecond());
        System.out.printf("  check: %,d of %,d deals on the board, %d of %d sampled deals at a wrong version, %d dead letters%s%n",
                replay.dealsOnBoard(), replay.dealsExpected(), replay.sampledDealsWrong(), replay.sampledDeals(),
                replay.deadLetters(), replay.correct() ? "" : "  << WRONG");
        return replay;
    }

    private static void printLoad(CommandLoad.Result result) {
        System.out.printf("  %.0f commands/s: %,d commands in %.1f s, %d refused %s%n", result.commandsPerSecond(),
                result.commands(), result.elapsed().toNanos() / 1e9, result.failures(), result.failuresByStatus());
        result.byKind().forEach((kind, latency) -> System.out.printf("    %-9s %s%n", kind, latency));
        System.out.printf("    %-9s %s%n", "all", result.overall());
    }

    /** What one command cost in CPU, and so how many commands the machine's cores could do at most. */
    private static void printCpu(CpuMeter.Reading used, CommandLoad.Result load) {
        CpuMeter.Reading perCommand = used.millisPerCommand(load.commands());
        System.out.printf("    CPU per command: service %.2f ms, database %.2f ms, load generator %.2f ms = %.2f ms "
                        + "(all %d cores busy would be %.0f commands/s)%n", perCommand.service(), perCommand.database(),
                perCommand.loadGenerator(), perCommand.total(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() * 1000 / perCommand.total());
    }

    private static void printVisibility(String condition, VisibilityProbe.Result result, CommandLoad.Result load,
                                        String pausesMeanwhile, String coreWaitsMeanwhile) {
        System.out.printf("  %s:%n    delay %s%n", condition, result.delay());
        System.out.printf("    (the observing GET's round trip: %s; %.1f polls per sample; %d not visible within 30 s; "
                + "%d probe commands refused)%n", result.visibleGetRoundTrip(), result.pollsPerSample(),
                result.notVisibleWithin30s(), result.refusedCommands());
        if (load != null) {
            System.out.printf("    background load meanwhile: %.0f commands/s, p50 %.1f ms, p99 %.1f ms, %d refused%n",
                    load.commandsPerSecond(), load.overall().medianMillis(), load.overall().p99Millis(), load.failures());
        }
        System.out.printf("    %s%n    %s%n", pausesMeanwhile, coreWaitsMeanwhile);
    }

    private void printMachine() throws IOException {
        System.out.println("== Machine ==");
        System.out.println("  cores (nproc): " + Runtime.getRuntime().availableProcessors());
        System.out.println("  cpu: " + firstLine(Path.of("/proc/cpuinfo"), "model name"));
        System.out.println("  memory: " + firstLine(Path.of("/proc/meminfo"), "MemTotal"));
        System.out.println("  java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.println("  service JVM options: " + settings.serviceJvmOptions() + "; jar " + settings.serviceJar()
                + "; java " + settings.serviceJava() + " (" + versionOf(settings.serviceJava()) + ")");
        System.out.println("  load generator: this JVM, " + settings.clients() + " client threads, java.net.http HTTP/1.1 keep-alive");
        if (settings.databases().stream().anyMatch(d -> d.startsWith("postgres"))) {
            try (Connection connection = DriverManager.getConnection(settings.postgresServerUrl() + "postgres",
                    settings.postgresUser(), "");
                 Statement statement = connection.createStatement();
                 ResultSet version = statement.executeQuery("SELECT version()")) {
                version.next();
                System.out.println("  postgresql: " + version.getString(1));
            } catch (Exception unreachable) {
                System.out.println("  postgresql: not reachable (" + unreachable.getMessage() + ")");
            }
        }
        System.out.println("  load average at start: " + loadAverage());
    }

    private static String firstLine(Path file, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
        }
    }

    /** The first line {@code java -version} prints. */
    private static String versionOf(Path java) {
        try {
            Process version = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String first = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("?");
            version.waitFor();
            return first;
        } catch (IOException e) {
            return "not runnable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException unavailable) {
            return "unknown";
        }
    }

    /** Prints to the console and to the report file. */
    private static final class Tee extends PrintStream {
        private final PrintStream file;

        Tee(PrintStream console, PrintStream file) {
            super(console, true, StandardCharsets.UTF_8);
            this.file = file;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, length);
            file.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            super.flush();
            file.flush();
        }
    }
}

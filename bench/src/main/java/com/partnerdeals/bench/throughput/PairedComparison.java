package com.partnerdeals.bench.throughput;

import com.partnerdeals.platform.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * Two builds of the all-in-one service side by side on PostgreSQL ({@code -Dbench.compareWith=<jar B>}, against
 * {@code bench.serviceJar} as A), for a before and after that the machine's changes of speed do not decide.
 *
 * <p>Why: on this project's shared machines the speed moves by a third and more between runs minutes apart (the
 * command-shaped limit measured 2,377-3,357 transactions/s in one sitting of quick runs), so two quick runs of two builds differ by
 * more than most changes do. Here both services run at once, each on a database of its own, and the load goes to one
 * then the other in short slices, in the order A B, B A, A B ... A slice of A and the slice of B next to it ran at
 * nearly the same machine speed, so each such round gives a ratio B/A; the report gives their median, middle half and
 * range. The same build as A and B gave x0.99-1.00, the middle half of 24 rounds within 7 % (bench/THROUGHPUT.md).
 * The idle service's background work (its scheduled tasks, its event store's poll) runs during the other's slices,
 * the same for both.
 */
final class PairedComparison {

    /** One build's slice of load: what it answered and what it cost (CPU in milliseconds per command). */
    record Slice(String build, CommandLoad.Result load, CpuMeter.Reading perCommand, OptionalLong transactions,
                 double jitShare) {

        double commandsPerSecond() {
            return load.commandsPerSecond();
        }

        double cpuPerCommand() {
            return perCommand.total();
        }

        double servicePerCommand() {
            return perCommand.service();
        }

        double databasePerCommand() {
            return perCommand.database();
        }

        double transactionsPerCommand() {
            return transactions.isPresent() ? transactions.getAsLong() / (double) load.commands() : Double.NaN;
        }
    }

    /** A round: a slice of each build, seconds apart. */
    record Round(Slice a, Slice b) {
    }

    /** One of the two builds as the load reaches it: its database, its commands, its meters. */
    private record Build(String name, TargetDatabase.Postgres database, CommandMix mix, CpuMeter cpu, JitActivity jit) {

        Slice slice(int clients, Duration length) throws Exception {
            OptionalLong transactionsBefore = database.transactionsEnded();
            JitActivity.Reading compiledBefore = jit.read();
            CpuMeter.Reading before = cpu.read();
            CommandLoad.Result load = CommandLoad.run(mix, clients, length, 0);
            CpuMeter.Reading used = cpu.read().minus(before);
            double jitShare = jit.read().compilerShareSince(compiledBefore);
            OptionalLong transactionsAfter = database.transactionsEnded();
            OptionalLong transactions = transactionsBefore.isPresent() && transactionsAfter.isPresent()
                    ? OptionalLong.of(transactionsAfter.getAsLong() - transactionsBefore.getAsLong())
                    : OptionalLong.empty();
            return new Slice(name, load, used.millisPerCommand(load.commands()), transactions, jitShare);
        }
    }

    private final BenchmarkSettings settings;
    private final String secret;

    PairedComparison(BenchmarkSettings settings, String secret) {
        this.settings = settings;
        this.secret = secret;
    }

    void run() throws Exception {
        System.out.println();
        System.out.println("== Two builds side by side on PostgreSQL ==");
        System.out.printf("  A: %s %s, on %s%n  B: %s %s, on %s%n", settings.serviceJar(), settings.serviceJvmOptions(),
                settings.serviceJava(), settings.compareWith(), settings.compareJvmOptions(), settings.compareJava());
        System.out.printf("  each on a database of its own; %d clients; warm-up %d s each, then %d rounds of a %d s slice "
                        + "of each, in the order A B, B A, ...%n", settings.clients(), settings.warmUp().toSeconds(),
                settings.pairRounds(), settings.pairSlice().toSeconds());
        TargetDatabase.Postgres databaseA = database("_a");
        TargetDatabase.Postgres databaseB = database("_b");
        databaseA.recreate();
        databaseB.recreate();
        try (ServiceProcess serviceA = start(settings.serviceJava(), settings.serviceJar(), settings.serviceJvmOptions(),
                databaseA, "a");
             ServiceProcess serviceB = start(settings.compareJava(), settings.compareWith(), settings.compareJvmOptions(),
                     databaseB, "b");
             BackgroundMaintenance maintenanceA = new BackgroundMaintenance(databaseA);
             BackgroundMaintenance maintenanceB = new BackgroundMaintenance(databaseB)) {
            Build a = build("A", databaseA, serviceA);
            Build b = build("B", databaseB, serviceB);
            warmUp(a, b);
            List<Round> rounds = new ArrayList<>();
            for (int round = 0; round < settings.pairRounds(); round++) {
                Build first = round % 2 == 0 ? a : b;
                Build second = round % 2 == 0 ? b : a;
                Slice one = first.slice(settings.clients(), settings.pairSlice());
                print(round + 1, one);
                Slice other = second.slice(settings.clients(), settings.pairSlice());
                print(round + 1, other);
                rounds.add(first == a ? new Round(one, other) : new Round(other, one));
            }
            summarise(rounds);
        }
    }

    private TargetDatabase.Postgres database(String suffix) {
        return new TargetDatabase.Postgres(settings.postgresServerUrl(), settings.postgresDatabase() + suffix,
                settings.postgresUser());
    }

    private ServiceProcess start(Path java, Path jar, List<String> jvmOptions, TargetDatabase.Postgres database,
                                 String name) throws Exception {
        Path log = settings.workDirectory().resolve("service-pair-" + name + ".log");
        Files.deleteIfExists(log);
        return ServiceProcess.start(java, jar, jvmOptions, database, secret, log);
    }

    private Build build(String name, TargetDatabase.Postgres database, ServiceProcess service) {
        Participants participants = new Participants(new Tokens(secret), ThroughputBenchmark.PARTNERS);
        participants.register(service.api);
        return new Build(name, database, new CommandMix(service.api, participants),
                new CpuMeter(service.pid(), database), new JitActivity(service.pid()));
    }

    /** Both JITs see the load in turns, as the slices will give it. */
    private void warmUp(Build a, Build b) {
        long turns = Math.max(1, settings.warmUp().toSeconds() / JitActivity.SLICE.toSeconds());
        for (long turn = 0; turn < turns; turn++) {
            CommandLoad.run(a.mix(), settings.clients(), JitActivity.SLICE, 0);
            CommandLoad.run(b.mix(), settings.clients(), JitActivity.SLICE, 0);
        }
        System.out.println("  round build commands/s  CPU per command: service + database + load generator = all  "
                + "transactions per command  the JIT's share of the service's CPU");
    }

    private static void print(int round, Slice slice) {
        System.out.printf("  %5d %-5s %10.0f  %.2f + %.2f + %.2f = %.2f ms  %.2f  %.1f %%%s%n", round, slice.build(),
                slice.commandsPerSecond(), slice.servicePerCommand(), slice.databasePerCommand(),
                slice.perCommand().loadGenerator(),
                slice.cpuPerCommand(), slice.transactionsPerCommand(), slice.jitShare() * 100,
                slice.load().failures() > 0 ? "  (" + slice.load().failures() + " refused)" : "");
    }

    private static void summarise(List<Round> rounds) {
        System.out.println("  B against A, the ratio of each round's two slices: median, the middle half and all of the "
                + rounds.size() + " rounds:");
        ratio("CPU per command", rounds, Slice::cpuPerCommand);
        ratio("  the service's", rounds, Slice::servicePerCommand);
        ratio("  the database's", rounds, Slice::databasePerCommand);
        ratio("commands/s", rounds, Slice::commandsPerSecond);
        ratio("transactions per command", rounds, Slice::transactionsPerCommand);
    }

    private static void ratio(String what, List<Round> rounds, ToDoubleFunction<Slice> figure) {
        double[] ratios = rounds.stream()
                .mapToDouble(round -> figure.applyAsDouble(round.b()) / figure.applyAsDouble(round.a()))
                .filter(Double::isFinite)
                .sorted()
                .toArray();
        if (ratios.length == 0) {
            return;
        }
        double meanA = rounds.stream().mapToDouble(round -> figure.applyAsDouble(round.a())).average().orElse(Double.NaN);
        double meanB = rounds.stream().mapToDouble(round -> figure.applyAsDouble(round.b())).average().orElse(Double.NaN);
        System.out.printf("    %-26s x%.3f, middle half %.3f-%.3f, all %.3f-%.3f; mean A %.2f, B %.2f%n", what,
                quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75), ratios[0],
                ratios[ratios.length - 1], meanA, meanB);
    }

    /** The {@code q} quantile of sorted {@code values}, between the two nearest where it falls between them. */
    private static double quantile(double[] values, double q) {
        double at = q * (values.length - 1);
        int below = (int) Math.floor(at);
        int above = (int) Math.ceil(at);
        return values[below] + (values[above] - values[below]) * (at - below);
    }
}

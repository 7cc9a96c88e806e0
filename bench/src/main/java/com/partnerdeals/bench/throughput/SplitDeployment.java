package com.partnerdeals.bench.throughput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The split deployment, as docker-compose.yml runs it: the command side and the query side as two processes on one
 * PostgreSQL database (a fresh one). Commands go to the command side; the probe reads the deal views from the query
 * side, so every visibility sample crosses from one process to the other through the database.
 */
final class SplitDeployment {

    record Result(CommandLoad.Result measured, double commandSideCpuMillis, double querySideCpuMillis,
                  double databaseCpuMillis, VisibilityProbe.Result idle, VisibilityProbe.Result moderate,
                  VisibilityProbe.Result full) {
    }

    private SplitDeployment() {
    }

    static Result measure(BenchmarkSettings settings, TargetDatabase database, String secret, Participants participants)
            throws Exception {
        database.recreate();
        Path commandLog = settings.workDirectory().resolve("split-command-side.log");
        Path queryLog = settings.workDirectory().resolve("split-query-side.log");
        Files.deleteIfExists(commandLog);
        Files.deleteIfExists(queryLog);
        try (ServiceProcess commandSide = ServiceProcess.start(settings, settings.commandSideJar(), database, secret, commandLog);
             ServiceProcess querySide = ServiceProcess.start(settings, settings.querySideJar(), database, secret, queryLog);
             BackgroundMaintenance maintenance = new BackgroundMaintenance(database)) {
            participants.register(commandSide.api);
            CommandMix mix = new CommandMix(commandSide.api, participants);
            ReadModelWatch readModel = new ReadModelWatch(querySide.api, participants.managerToken);
            String reader = participants.managerToken;

            System.out.printf("Split deployment: commands to the command side, reads from the query side; warm-up %d s ...%n",
                    settings.warmUp().toSeconds());
            CommandLoad.Result warmUp = CommandLoad.run(mix, settings.clients(), settings.warmUp(), 0);
            System.out.printf("  warm-up: %.0f commands/s%n", warmUp.commandsPerSecond());
            JitActivity jit = new JitActivity(commandSide.pid());
            jit.settle(mix, settings.clients(), settings.warmUp());
            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            JitActivity.Reading compiledBefore = jit.read();
            CpuMeter commandCpu = new CpuMeter(commandSide.pid(), database);
            CpuMeter queryCpu = new CpuMeter(querySide.pid(), null);
            List<CoreWaits.Party> parties = List.of(CoreWaits.Party.process("command side", commandSide.pid()),
                    CoreWaits.Party.process("query side", querySide.pid()),
                    new CoreWaits.Party("database", commandCpu::databaseBackends));
            CpuMeter.Reading commandBefore = commandCpu.read();
            CpuMeter.Reading queryBefore = queryCpu.read();
            PhaseWaits measuredRun = PhaseWaits.startingNow(parties);
            CommandLoad.Result measured = CommandLoad.run(mix, settings.clients(), settings.measurement(), 0);
            String pausesMeanwhile = measuredRun.pauses("command side", commandSide.gcPauses);
            String waitsMeanwhile = measuredRun.coreWaits();
            CpuMeter.Reading commandUsed = commandCpu.read().minus(commandBefore);
            CpuMeter.Reading queryUsed = queryCpu.read().minus(queryBefore);
            String jitMeanwhile = JitActivity.describe(jit.read().compilerShareSince(compiledBefore));
            double perCommand = 1000.0 / measured.commands();
            System.out.printf("  command side alone: %.0f commands/s, p50 %.1f ms, p99 %.1f ms, %d refused%n",
                    measured.commandsPerSecond(), measured.overall().medianMillis(), measured.overall().p99Millis(),
                    measured.failures());
            measured.byKind().forEach((kind, latency) -> System.out.printf("    %-9s %s%n", kind, latency));
            System.out.printf("    CPU per command: command side %.2f ms, query side %.2f ms, database %.2f ms%n",
                    commandUsed.service() * perCommand, queryUsed.service() * perCommand, commandUsed.database() * perCommand);
            System.out.printf("    during the measured run, on the command side, %s%n    %s%n    %s%n", jitMeanwhile,
                    pausesMeanwhile, waitsMeanwhile);

            System.out.println("  Visibility across processes (command side's response -> query side's GET shows it):");
            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            PhaseWaits idlePhase = PhaseWaits.startingNow(parties);
            VisibilityProbe.Result idle = new VisibilityProbe(mix, querySide.api, reader).run(settings.idleVisibilitySamples());
            System.out.printf("    idle: %s%n      %s%n      %s%n      %s%n", idle.delay(), roundTrip(idle),
                    idlePhase.pauses("query side", querySide.gcPauses), idlePhase.coreWaits());

            double moderateRate = measured.commandsPerSecond() / 2;
            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            PhaseWaits moderatePhase = PhaseWaits.startingNow(parties);
            CompletableFuture<CommandLoad.Result> paced = CompletableFuture.supplyAsync(() ->
                    CommandLoad.run(mix, settings.clients(), settings.visibilityUnderLoad(), moderateRate));
            VisibilityProbe.Result moderate = new VisibilityProbe(mix, querySide.api, reader).run(() -> !paced.isDone());
            System.out.printf("    moderate load (paced to %.0f commands/s, ran %.0f/s): %s%n      %s%n      %s%n      %s%n",
                    moderateRate, paced.join().commandsPerSecond(), moderate.delay(), roundTrip(moderate),
                    moderatePhase.pauses("query side", querySide.gcPauses), moderatePhase.coreWaits());

            readModel.awaitUpToDate(Duration.ofMillis(200), Duration.ofMinutes(10));
            PhaseWaits fullPhase = PhaseWaits.startingNow(parties);
            CompletableFuture<CommandLoad.Result> unpaced = CompletableFuture.supplyAsync(() ->
                    CommandLoad.run(mix, settings.clients(), settings.visibilityUnderLoad(), 0));
            VisibilityProbe.Result full = new VisibilityProbe(mix, querySide.api, reader).run(() -> !unpaced.isDone());
            System.out.printf("    full load (ran %.0f commands/s): %s%n      %s%n      %s%n      %s%n",
                    unpaced.join().commandsPerSecond(), full.delay(), roundTrip(full),
                    fullPhase.pauses("query side", querySide.gcPauses), fullPhase.coreWaits());
            return new Result(measured, commandUsed.service() * perCommand, queryUsed.service() * perCommand,
                    commandUsed.database() * perCommand, idle, moderate, full);
        }
    }

    /** The round trip of the GET that first showed a command's effect: a part of each sample's delay. */
    private static String roundTrip(VisibilityProbe.Result result) {
        return "(the observing GET's round trip: " + result.visibleGetRoundTrip() + ")";
    }
}

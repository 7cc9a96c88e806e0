package com.partnerdeals.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the benchmark runs, from system properties ({@code -Dbench.clients=16} ...), with the defaults.
 * {@code -Dbench.quick=true} changes the defaults to a run of a few minutes for before/after comparisons: shorter
 * phases, fewer idle visibility samples, no replay (each can still be set on its own). {@code -Dbench.split=false}
 * skips the split deployment's pass (PostgreSQL only); its two jars are then not looked for (null).
 * {@code -Dbench.serviceJava=<path to java>} runs the services on another JVM than the benchmark's own.
 * {@code -Dbench.compareWith=<jar>} runs {@link PairedComparison} and nothing else: that jar as B beside
 * {@code bench.serviceJar} as A, in {@code bench.pairRounds} rounds of {@code bench.pairSliceSeconds} slices; B takes
 * the JVM options {@code bench.compareJvmOptions} and the {@code java} of {@code bench.compareJava}, A's unless set.
 * {@code compareWith} is null when not set.
 */
record BenchmarkSettings(List<String> databases,
                         int clients,
                         Duration warmUp,
                         Duration measurement,
                         Duration limitMeasurement,
                         int idleVisibilitySamples,
                         Duration visibilityUnderLoad,
                         long replayEvents,
                         String postgresServerUrl,
                         String postgresDatabase,
                         String postgresUser,
                         Path serviceJar,
                         boolean split,
                         Path commandSideJar,
                         Path querySideJar,
                         List<String> serviceJvmOptions,
                         Path serviceJava,
                         Path workDirectory,
                         Path compareWith,
                         List<String> compareJvmOptions,
                         Path compareJava,
                         int pairRounds,
                         Duration pairSlice) {

    static BenchmarkSettings fromSystemProperties() throws IOException {
        Path work = Path.of(property("bench.workDirectory", "bench/target/throughput"));
        Path serviceJava = Path.of(property("bench.serviceJava",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        boolean quick = Boolean.parseBoolean(property("bench.quick", "false"));
        String compared = property("bench.compareWith", "");
        Path compareWith = compared.isBlank() ? null : Path.of(compared);
        String serviceJvmOptions = property("bench.serviceJvmOptions", "-Xms1g -Xmx1g");
        boolean split = compareWith == null && Boolean.parseBoolean(property("bench.split", "true"));
        return new BenchmarkSettings(
                List.of(property("bench.databases", "h2,postgres").split(",")),
                Integer.parseInt(property("bench.clients", "16")),
                Duration.ofSeconds(Long.parseLong(property("bench.warmUpSeconds", "120"))),
                Duration.ofSeconds(Long.parseLong(property("bench.measureSeconds", quick ? "30" : "60"))),
                Duration.ofSeconds(Long.parseLong(property("bench.limitSeconds", quick ? "10" : "30"))),
                Integer.parseInt(property("bench.idleVisibilitySamples", quick ? "100" : "600")),
                Duration.ofSeconds(Long.parseLong(property("bench.visibilityLoadSeconds", quick ? "10" : "30"))),
                Long.parseLong(property("bench.replayEvents", quick ? "0" : "1000000")),
                property("bench.postgres.serverUrl", "jdbc:postgresql://127.0.0.1:5432/"),
                property("bench.postgres.database", "partnerdeals_throughput"),
                property("bench.postgres.user", "postgres"),
                serviceJar("bench.serviceJar", "app"),
                split,
                // Looked for only when the split deployment runs, so that a run without it needs only the app's jar.
                split ? serviceJar("bench.commandSideJar", "command-side") : null,
                split ? serviceJar("bench.querySideJar", "query-side") : null,
                options(serviceJvmOptions),
                serviceJava,
                work,
                compareWith,
                options(property("bench.compareJvmOptions", serviceJvmOptions)),
                Path.of(property("bench.compareJava", serviceJava.toString())),
                // The A/A check (the same build as A and B) was run with these: bench/THROUGHPUT.md.
                Integer.parseInt(property("bench.pairRounds", "24")),
                Duration.ofSeconds(Long.parseLong(property("bench.pairSliceSeconds", "5"))));
    }

    private static List<String> options(String spaced) {
        return Arrays.stream(spaced.split(" ")).filter(option -> !option.isBlank()).toList();
    }

    private static String property(String name, String defaultValue) {
        return System.getProperty(name, defaultValue);
    }

    /** The executable jar named by {@code property}, else the one the build leaves in the module's target directory. */
    private static Path serviceJar(String property, String module) throws IOException {
        String named = property(property, "");
        if (!named.isBlank()) {
            return Path.of(named);
        }
        Path target = Path.of(module, "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + target + "/*-exec.jar: run from the checkout's root "
                            + "after `mvn -Pbench -pl bench -am package -DskipTests`, or set -D" + property));
        }
    }
}

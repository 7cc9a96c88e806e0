package com.partnerdeals.bench.throughput;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service (app's executable jar, or one side's) as a child process on a loopback port, so the load
 * generator does not share the service's JVM (it still shares the machine's cores).
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;
    final ServiceApi api;
    final GcPauses gcPauses;

    private ServiceProcess(Process process, Path log, int port, GcPauses gcPauses) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.api = new ServiceApi(port);
        this.gcPauses = gcPauses;
    }

    /** Base64 of "bench-only-master-key-0123456789": the benchmark's stores are thrown away after each run. */
    static final String BENCH_MASTER_KEY = "YmVuY2gtb25seS1tYXN0ZXIta2V5LTAxMjM0NTY3ODk=";

    static ServiceProcess start(BenchmarkSettings settings, TargetDatabase database, String secret, Path log)
            throws IOException {
        return start(settings, settings.serviceJar(), database, secret, log);
    }

    /** Starts the executable jar {@code jar}: the all-in-one service's, or one side's of the split deployment. */
    static ServiceProcess start(BenchmarkSettings settings, Path jar, TargetDatabase database, String secret, Path log)
            throws IOException {
        return start(settings.serviceJava(), jar, settings.serviceJvmOptions(), database, secret, log);
    }

    /** Starts the executable jar {@code jar} on the {@code java} executable {@code java} with {@code jvmOptions}. */
    static ServiceProcess start(Path java, Path jar, List<String> jvmOptions, TargetDatabase database, String secret,
                                Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        GcPauses gcPauses = GcPauses.beside(log);
        command.addAll(gcPauses.jvmOptions());
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--portal.security.hmac-secret=" + secret,
                "--portal.personal-data.master-key=" + BENCH_MASTER_KEY));
        command.addAll(database.serviceArguments());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceProcess service = new ServiceProcess(process, log, port, gcPauses);
        service.awaitHealthy(Duration.ofMinutes(3));
        return service;
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited while starting; see " + log);
            }
            try {
                if (api.get("/actuator/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // still starting
            }
            Pause.millis(250);
        }
        close();
        throw new IllegalStateException("The service did not become healthy in " + timeout + "; see " + log);
    }

    /** A graceful stop (SIGTERM): the processors release their claims, as in an orderly redeployment. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

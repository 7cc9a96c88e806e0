package com.partnerdeals.app.scaleout;

import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One service process (command side or query side) started from its executable jar, on a loopback port. */
final class ServiceNode {

    final String name;
    final int port;
    final Api api;
    private final Process process;

    private ServiceNode(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.api = new Api(port);
    }

    /** Starts {@code command-side} or {@code query-side} against a PostgreSQL schema of its own. */
    static ServiceNode start(String module, String name, String schema) throws IOException {
        int port = freePort();
        Path logs = Path.of("target", "scale-out");
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", executableJar(module).toString(),
                "--server.port=" + port,
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:postgresql://localhost:5432/test?currentSchema=" + schema,
                "--spring.datasource.username=postgres",
                "--spring.flyway.schemas=" + schema,
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--portal.security.hmac-secret=" + Tokens.TEST_SECRET,
                // Base64 of "scale-out-test-master-key-012345": the nodes share one store, so one master key.
                "--portal.personal-data.master-key=c2NhbGUtb3V0LXRlc3QtbWFzdGVyLWtleS0wMTIzNDU=",
                "--portal.projections.share-work-every=1s",
                "--logging.level.org.axonframework=WARN"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile())
                .start();
        return new ServiceNode(name, port, process);
    }

    void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see target/scale-out/" + name + ".log");
            }
            try {
                if (api.get("/actuator/health", null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // still starting
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " did not become healthy in " + timeout);
    }

    long pid() {
        return process.pid();
    }

    /** Kills the process as a crash would: no shutdown hooks, claims left to time out. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path executableJar(String module) throws IOException {
        Path target = Path.of("..", module, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No executable jar in " + target.toAbsolutePath()
                            + "; build with `mvn verify` (the module's package phase makes it)"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", port " + port + ")";
    }
}

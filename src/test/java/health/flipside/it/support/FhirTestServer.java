package health.flipside.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts (or reuses) the real FHIR R4 test server of dev/fhir-server (HAPI FHIR JPA on in-memory H2) for
 * integration tests. Plain Java 17 and java.net.http only, so any test framework can use it.
 *
 * <p>System properties: {@code fhir.test.port} (default 8091) and {@code fhir.server.jar} (default
 * {@code dev/fhir-server/target/flipside-fhir-server.jar}; build it with
 * {@code mvn -q -f dev/fhir-server/pom.xml package -DskipTests}); {@code fhir.test.startTimeoutSeconds}
 * (default 180) for slow, busy machines. The server's output goes to {@code target/fhir-server.log}.
 */
public final class FhirTestServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("fhir.test.startTimeoutSeconds", 180));
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(120);
    private static final Path LOG = Path.of("target", "fhir-server.log");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** The server this JVM started, if any; guarded by the class lock. */
    private static Process process;

    private FhirTestServer() {
    }

    // Tests need one live FHIR server: reuse a running one (fast local loops), else start the jar and wait until it answers.
    public static synchronized String ensureRunning() {
        int port = Integer.getInteger("fhir.test.port", 8091);
        String base = baseUrl(port);
        if (answersMetadata(base)) {
            return base;
        }
        if (process != null && process.isAlive()) {
            // Started earlier by this JVM and still alive but not answering: wait for it rather than start a second one.
            return awaitMetadata(base, process);
        }
        Path jar = Path.of(System.getProperty("fhir.server.jar", "dev/fhir-server/target/flipside-fhir-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("FHIR test server jar not found at " + jar.toAbsolutePath()
                    + "; build it with: mvn -q -f dev/fhir-server/pom.xml package -DskipTests");
        }
        try {
            Files.createDirectories(LOG.toAbsolutePath().getParent());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+UseG1GC", "-jar",
                    jar.toAbsolutePath().toString(), "--server.port=" + port))
                    .redirectErrorStream(true)
                    .redirectOutput(LOG.toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the FHIR test server from " + jar.toAbsolutePath(), e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "fhir-test-server-stop"));
        return awaitMetadata(base, started);
    }

    // Test data goes in as one transaction so HAPI's referential integrity sees every referenced resource; fail loudly with HAPI's own message.
    public static void loadTransaction(String bundleJson) {
        String base = baseUrl(Integer.getInteger("fhir.test.port", 8091));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base))
                .timeout(TRANSACTION_TIMEOUT)
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(bundleJson, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("POST of the transaction bundle to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting the transaction bundle to " + base, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("FHIR transaction to " + base + " answered HTTP " + response.statusCode()
                    + ": " + response.body());
        }
    }

    // One place that spells the base URL, bound to loopback as the server is.
    private static String baseUrl(int port) {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    // Polls /metadata (short interval, no fixed sleep) until 200, the process dies, or the start timeout passes.
    private static String awaitMetadata(String base, Process server) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (answersMetadata(base)) {
                return base;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("FHIR test server exited with code " + server.exitValue()
                        + " before answering " + base + "/metadata; see " + LOG.toAbsolutePath() + "\n" + logTail());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(server);
                throw new IllegalStateException("interrupted while waiting for the FHIR test server", e);
            }
        }
        stop(server);
        throw new IllegalStateException("FHIR test server did not answer " + base + "/metadata within "
                + START_TIMEOUT.toSeconds() + " s; see " + LOG.toAbsolutePath() + "\n" + logTail());
    }

    // The readiness signal: HAPI answers /metadata only once the whole JPA stack is up.
    private static boolean answersMetadata(String base) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/metadata"))
                .timeout(PROBE_TIMEOUT)
                .header("Accept", "application/fhir+json")
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // Leave no server behind: ask it to stop, then kill it if it does not within a few seconds.
    private static void stop(Process server) {
        if (!server.isAlive()) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // A failure message with the server's last log lines saves a trip to the log file.
    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }
}

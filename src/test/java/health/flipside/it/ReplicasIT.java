package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.examples.ExamplePatients;
import health.flipside.feedback.FeedbackTestClient;
import health.flipside.support.DevEhr;

/**
 * Two replicas of the built server behind HAProxy, as {@code dev/replicas start} runs them (PostgreSQL feedback and
 * replay stores, one patient key): a token is accepted once across replicas, feedback written through one is known to
 * the other, a token the replay store cannot check is refused (503), a reload on one leaves the other serving, and a
 * replica killed with SIGKILL under load loses no acknowledged feedback while the balancer sends everything to the
 * survivor.
 *
 * <p>Runs in its own failsafe execution (pom.xml, {@code replicas-it}) and stops the replicas at the end. With
 * {@code -Dflipside.replicas.started=true} it uses replicas already started by hand and leaves them running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
    static final Path REPO = Path.of(System.getProperty("flipside.repo.dir", ".")).toAbsolutePath().normalize();
    static final Path STATE = REPO.resolve("target/replicas");
    static final int[] PORTS = {Integer.getInteger("replicas.http.port.1", 9181), Integer.getInteger("replicas.http.port.2", 9182)};
    static final int BALANCER_PORT = Integer.getInteger("replicas.balancer.port", 9190);
    static final String PUBLIC = "http://localhost:" + BALANCER_PORT;
    static final String SERVICE = "/cds-services/patient-data-summary";
    static final String EXAMPLE = "vignette-1-masked-uncontrolled";
    static final boolean STARTED_BY_HAND = Boolean.getBoolean("flipside.replicas.started");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startReplicas() throws Exception {
        if (!STARTED_BY_HAND) {
            // about a minute on a quiet 2-core machine, several while other builds load it
            replicasScript("start", Duration.ofSeconds(600));
        }
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        if (!STARTED_BY_HAND) {
            replicasScript("stop", Duration.ofSeconds(120));
        }
    }

    @Test
    @Order(1)
    void aTokenAcceptedByOneReplicaIsRefusedByTheOther() throws Exception {
        String token = DevEhr.token(PUBLIC + "/cds-services");
        assertThat(get(replica(0) + "/cds-services", token).statusCode()).isEqualTo(200);
        assertThat(get(replica(1) + "/cds-services", token).statusCode()).isEqualTo(401);
        assertThat(get(replica(0) + "/cds-services", token).statusCode()).isEqualTo(401);

        // through the balancer: round robin sends the second use to the other replica, which refuses it too
        String another = DevEhr.token(PUBLIC + "/cds-services");
        assertThat(get(PUBLIC + "/cds-services", another).statusCode()).isEqualTo(200);
        assertThat(get(PUBLIC + "/cds-services", another).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void feedbackWrittenThroughOneReplicaIsKnownToTheOther() throws Exception {
        String patient = "replicas-" + UUID.randomUUID();
        List<JsonNode> first = cards(hook(replica(0), patient));
        List<JsonNode> second = cards(hook(replica(1), patient));
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();

        // a card issued by replica 1 takes feedback through replica 2, and replica 1 knows it is stored
        JsonNode card = first.get(0);
        String item = FeedbackTestClient.accepted(card.get("uuid").asText(), card.at("/suggestions/0/uuid").asText(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        JsonNode stored = JSON.readTree(expect(200, feedback(replica(1), FeedbackTestClient.body(item))).body());
        assertThat(stored.get("stored").asInt()).isEqualTo(1);
        JsonNode again = JSON.readTree(expect(200, feedback(replica(0), FeedbackTestClient.body(item))).body());
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.get("stored").asInt()).isZero();

        // both replicas hash the patient with the same key: one patient in the shared database, not two
        try (Connection db = database().getConnection();
             PreparedStatement keys = db.prepareStatement("SELECT DISTINCT patient_key FROM issued_card WHERE card_uuid IN (?, ?)")) {
            keys.setString(1, card.get("uuid").asText());
            keys.setString(2, second.get(0).get("uuid").asText());
            try (ResultSet rs = keys.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).matches("[0-9a-f]{64}");
                assertThat(rs.next()).as("a second patient key").isFalse();
            }
        }
    }

    @Test
    @Order(3)
    void aTokenTheReplayStoreCannotCheckIsRefusedWith503NotServed() throws Exception {
        // the replay table held by another session: the claim cannot finish within the 2 s statement timeout
        try (Connection locker = database().getConnection(); var lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE jti_seen IN ACCESS EXCLUSIVE MODE");
            HttpResponse<String> refused = get(replica(0) + "/cds-services", DevEhr.token(PUBLIC + "/cds-services"));
            locker.rollback();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("replay-check-unavailable");
        }
        assertThat(get(replica(0) + "/cds-services", DevEhr.token(PUBLIC + "/cds-services")).statusCode())
                .as("once the store answers again").isEqualTo(200);
    }

    @Test
    @Order(4)
    void aReloadOnOneReplicaLeavesTheOtherServing() throws Exception {
        Load load = Load.start(2, i -> hook(replica(1), "replicas-" + UUID.randomUUID()).statusCode());
        HttpResponse<String> reload = HTTP.send(HttpRequest.newBuilder(URI.create(replica(0) + "/admin/reload"))
                .timeout(Duration.ofSeconds(240)).header("Authorization", "Basic " + adminCredential())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Map<Integer, Integer> statuses = load.stop();
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(JSON.readTree(reload.body()).get("status").asText()).isEqualTo("swapped");
        assertThat(statuses).as("replica 2 while replica 1 reloaded").containsOnlyKeys(200);
        assertThat(cards(hook(replica(0), "replicas-" + UUID.randomUUID()))).as("replica 1 after its reload").isNotEmpty();
        assertThat(cards(hook(PUBLIC, "replicas-" + UUID.randomUUID()))).isNotEmpty();
    }

    @Test
    @Order(5)
    void aReplicaKilledUnderLoadLosesNoAcknowledgedFeedbackAndTheBalancerRoutesAroundIt() throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Map<Integer, Integer> afterFailover = new ConcurrentHashMap<>();
        AtomicReference<Instant> failoverFrom = new AtomicReference<>(Instant.MAX);
        Load load = Load.start(4, i -> {
            boolean settled = Instant.now().isAfter(failoverFrom.get());
            int status = issueAndAcknowledge(acknowledged);
            if (settled) {
                afterFailover.merge(status, 1, Integer::sum);
            }
            return status;
        });
        // by counts, not by the clock: on a loaded machine a round trip takes seconds
        awaitCount(acknowledged::size, 8, Duration.ofSeconds(180));
        ProcessHandle victim = replicaProcess("replica-2");
        victim.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(victim.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        // health checks every second, two failures: the balancer has taken it out within 3 s (at once on a refused
        // connection); calls started from then on must all be answered by the survivor
        failoverFrom.set(Instant.now().plusSeconds(3));
        awaitCount(() -> afterFailover.values().stream().mapToInt(Integer::intValue).sum(), 12, Duration.ofSeconds(180));
        Map<Integer, Integer> statuses = load.stop();
        System.out.println("ReplicasIT kill -9 under load: statuses " + statuses + ", after fail-over " + afterFailover
                + ", acknowledged feedback " + acknowledged.size());

        assertThat(balancerStatus("replica-2")).startsWith("DOWN");
        assertThat(afterFailover.getOrDefault(200, 0)).as("answered after the fail-over").isPositive();
        assertThat(afterFailover).as("every call after the fail-over answered by the survivor").containsOnlyKeys(200);
        assertThat(acknowledged).isNotEmpty();
        try (Connection db = database().getConnection();
             PreparedStatement find = db.prepareStatement("SELECT COUNT(*) FROM feedback WHERE card_uuid = ?")) {
            List<String> missing = new ArrayList<>();
            for (String card : acknowledged) {
                find.setString(1, card);
                try (ResultSet rs = find.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) != 1) {
                        missing.add(card);
                    }
                }
            }
            assertThat(missing).as("acknowledged feedback not in PostgreSQL").isEmpty();
        }
    }

    static void awaitCount(java.util.function.IntSupplier count, int atLeast, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (count.getAsInt() < atLeast && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    /** One EHR round trip through the balancer: a hook call, then feedback on its first card; 200 only if both were. */
    static int issueAndAcknowledge(ConcurrentLinkedQueue<String> acknowledged) throws Exception {
        HttpResponse<String> hook = hook(PUBLIC, "replicas-" + UUID.randomUUID());
        if (hook.statusCode() != 200) {
            return hook.statusCode();
        }
        JsonNode card = cards(hook).get(0);
        String item = FeedbackTestClient.overridden(card.get("uuid").asText(), "data-not-trusted", "replicas",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        HttpResponse<String> ack = feedback(PUBLIC, FeedbackTestClient.body(item));
        if (ack.statusCode() == 200 && JSON.readTree(ack.body()).get("stored").asInt() == 1) {
            acknowledged.add(card.get("uuid").asText());
        }
        return ack.statusCode();
    }

    // ---------------------------------------------------------------- load

    @FunctionalInterface
    interface Call {
        int status(int thread) throws Exception;
    }

    /** Threads calling in a loop until stopped; counts answers by status (-1: no answer at all). */
    record Load(ExecutorService pool, AtomicBoolean running, Map<Integer, Integer> statuses) {
        static Load start(int threads, Call call) {
            Load load = new Load(Executors.newFixedThreadPool(threads), new AtomicBoolean(true), new ConcurrentHashMap<>());
            for (int t = 0; t < threads; t++) {
                int thread = t;
                load.pool.submit(() -> {
                    while (load.running.get()) {
                        int status;
                        try {
                            status = call.status(thread);
                        } catch (IOException e) {
                            status = -1;
                        } catch (Exception e) {
                            status = -2;
                        }
                        load.statuses.merge(status, 1, Integer::sum);
                    }
                    return null;
                });
            }
            return load;
        }

        Map<Integer, Integer> stop() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(90, TimeUnit.SECONDS)).as("load threads finished").isTrue();
            return Map.copyOf(statuses);
        }
    }

    // ---------------------------------------------------------------- HTTP

    static String replica(int index) {
        return "http://127.0.0.1:" + PORTS[index];
    }

    /** A hook call with the example patient as {@code patient}, signed for the public URL wherever it is sent. */
    static HttpResponse<String> hook(String base, String patient) throws IOException, InterruptedException {
        ObjectNode hook = ExamplePatients.hookRequest(ExamplePatients.named(EXAMPLE), Instant.now());
        String original = hook.at("/context/patientId").asText();
        String body = hook.toString().replace("\"" + original + "\"", "\"" + patient + "\"")
                .replace("\"Patient/" + original + "\"", "\"Patient/" + patient + "\"");
        return post(base + SERVICE, body, DevEhr.token(PUBLIC + SERVICE));
    }

    static HttpResponse<String> feedback(String base, String body) throws IOException, InterruptedException {
        return post(base + SERVICE + "/feedback", body, DevEhr.token(PUBLIC + SERVICE + "/feedback"));
    }

    static List<JsonNode> cards(HttpResponse<String> response) throws IOException {
        expect(200, response);
        List<JsonNode> cards = new ArrayList<>();
        JSON.readTree(response.body()).get("cards").forEach(cards::add);
        return cards;
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String body, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What HAProxy's statistics say of a replica: UP, DOWN, … */
    static String balancerStatus(String replica) throws IOException, InterruptedException {
        String csv = HTTP.send(HttpRequest.newBuilder(URI.create(PUBLIC + "/haproxy-stats;csv")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return csv.lines().map(line -> line.split(",")).filter(f -> f.length > 17 && f[0].equals("replicas") && f[1].equals(replica))
                .map(f -> f[17]).findFirst().orElse("absent");
    }

    // ---------------------------------------------------------------- the replicas and their database

    static void replicasScript(String command, Duration timeout) throws Exception {
        Path log = Files.createDirectories(REPO.resolve("target")).resolve("replicas-" + command + ".log");
        ProcessBuilder script = new ProcessBuilder(REPO.resolve("dev/replicas").toString(), command)
                .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        script.environment().put("JAVA_HOME", System.getProperty("java.home"));
        script.environment().put("FLIPSIDE_REPLICA_HTTP_PORTS", PORTS[0] + " " + PORTS[1]);
        script.environment().put("FLIPSIDE_REPLICA_HTTPS_PORTS",
                Integer.getInteger("replicas.https.port.1", 9544) + " " + Integer.getInteger("replicas.https.port.2", 9545));
        script.environment().put("FLIPSIDE_BALANCER_PORT", String.valueOf(BALANCER_PORT));
        script.environment().put("FLIPSIDE_REPLICA_START_SECONDS", String.valueOf(timeout.toSeconds() - 60));
        Process process = script.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy();
            throw new AssertionError("dev/replicas " + command + " took over " + timeout + ": " + Files.readString(log));
        }
        assertThat(process.exitValue()).as("dev/replicas " + command + ": " + Files.readString(log)).isZero();
    }

    static ProcessHandle replicaProcess(String name) throws IOException {
        Path pid = STATE.resolve("usr/servers/.pid/" + name + ".pid");
        ProcessHandle process = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
        assertThat(process.info().commandLine().orElse("")).contains("ws-server.jar").contains(name);
        return process;
    }

    static String adminCredential() throws IOException {
        String password = System.getenv().getOrDefault("FLIPSIDE_ADMIN_PASSWORD", "");
        if (password.isBlank()) {
            password = Files.readString(STATE.resolve("admin-password")).strip();
        }
        return Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The replicas' PostgreSQL database (dev/replicas' defaults). */
    static PGSimpleDataSource database() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {System.getenv().getOrDefault("FLIPSIDE_DB_HOST", "127.0.0.1")});
        dataSource.setPortNumbers(new int[] {Integer.parseInt(System.getenv().getOrDefault("FLIPSIDE_DB_PORT", "5432"))});
        dataSource.setDatabaseName(System.getenv().getOrDefault("FLIPSIDE_DB_NAME", "flipside_replicas"));
        dataSource.setUser(System.getenv().getOrDefault("FLIPSIDE_DB_USER", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("FLIPSIDE_DB_PASSWORD", ""));
        return dataSource;
    }
}

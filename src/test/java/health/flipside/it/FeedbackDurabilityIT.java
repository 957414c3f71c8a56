package health.flipside.it;

import static health.flipside.feedback.FeedbackTestClient.accepted;
import static health.flipside.feedback.FeedbackTestClient.body;
import static health.flipside.feedback.FeedbackTestClient.overridden;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import health.flipside.feedback.FeedbackTestClient;
import health.flipside.feedback.FeedbackTestClient.IssuedToEhr;

/**
 * Feedback acknowledged with 200 is on disk: the Liberty JVM is killed with SIGKILL right after the last
 * acknowledgement, started again with {@code wlp/bin/server start}, and every acknowledged item is found again.
 *
 * <p>Kills the shared server, so the build runs it in its own failsafe execution after every other IT (pom.xml,
 * execution {@code durability-it}); the plugin's stop goal stops the restarted server as usual.
 */
class FeedbackDurabilityIT {
    static final String EXAMPLE = "vignette-1-masked-uncontrolled";
    static final String RULE = "bp.treated.masked-uncontrolled";
    static final Duration RESTART_TIMEOUT = Duration.ofSeconds(180);

    static final Path SERVER_DIR = Path.of(System.getProperty("liberty.server.dir", "target/liberty/wlp/usr/servers/defaultServer"));
    static final Path WLP = SERVER_DIR.getParent().getParent().getParent();

    @Test
    void acknowledgedFeedbackSurvivesAKilledServer() throws Exception {
        List<IssuedToEhr> cards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cards.addAll(FeedbackTestClient.issueCards(EXAMPLE));
        }
        assertThat(cards).hasSize(6);
        JsonNode before = FeedbackTestClient.analytics();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> batches = List.of(
                body(accepted(cards.get(0).uuid(), cards.get(0).suggestions().get(0), at),
                        overridden(cards.get(1).uuid(), "data-not-trusted", "comment 1", at)),
                body(accepted(cards.get(2).uuid(), cards.get(2).suggestions().get(1), at.plusMillis(1)),
                        accepted(cards.get(2).uuid(), cards.get(2).suggestions().get(0), at.plusMillis(2)),
                        overridden(cards.get(3).uuid(), "already-addressed", "comment 2", at.plusMillis(3))),
                body(overridden(cards.get(4).uuid(), "patient-declined", "comment 3", at.plusMillis(4))));
        ProcessHandle liberty = libertyProcess();

        for (String batch : batches) {
            HttpResponse<String> ack = FeedbackTestClient.feedback(batch);
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(FeedbackTestClient.JSON.readTree(ack.body()).get("duplicates").asInt()).isZero();
        }
        // at once after the last 200: no time for a delayed write to happen
        liberty.destroyForcibly();
        assertThat(liberty.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();

        restartServer();

        JsonNode after = FeedbackTestClient.analytics();
        assertThat(after.at("/totals/feedbackItems").asLong() - before.at("/totals/feedbackItems").asLong()).isEqualTo(6);
        assertThat(FeedbackTestClient.counts(after, "rules", RULE).minus(FeedbackTestClient.counts(before, "rules", RULE)))
                .isEqualTo(new FeedbackTestClient.Counts(0, 2, 3));
        // item by item: each acknowledged item is recognised as already stored
        for (String batch : batches) {
            JsonNode items = FeedbackTestClient.JSON.readTree(batch).get("feedback");
            for (JsonNode item : items) {
                HttpResponse<String> again = FeedbackTestClient.feedback("{\"feedback\":[" + item + "]}");
                assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                assertThat(FeedbackTestClient.JSON.readTree(again.body()).get("duplicates").asInt()).as(item.toString()).isEqualTo(1);
            }
        }
        // the issued-cards log survived too: a card issued before the kill, without feedback so far, takes feedback
        HttpResponse<String> late = FeedbackTestClient.feedback(body(accepted(cards.get(5).uuid(), cards.get(5).suggestions().get(0), Instant.now())));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(FeedbackTestClient.JSON.readTree(late.body()).get("stored").asInt()).isEqualTo(1);
    }

    /** The server's JVM: from Liberty's pid file, checked against its command line. */
    static ProcessHandle libertyProcess() throws IOException {
        Path pidFile = SERVER_DIR.getParent().resolve(".pid").resolve(SERVER_DIR.getFileName() + ".pid");
        if (Files.isRegularFile(pidFile)) {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
            if (process.isPresent() && isLiberty(process.get())) {
                return process.get();
            }
        }
        return ProcessHandle.allProcesses().filter(FeedbackDurabilityIT::isLiberty).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Liberty JVM for " + SERVER_DIR + " found"));
    }

    static boolean isLiberty(ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        return process.isAlive() && command.contains("ws-server.jar") && command.contains(SERVER_DIR.getFileName().toString())
                && (command.contains(WLP.toString()) || command.contains(WLP.toAbsolutePath().normalize().toString()));
    }

    static void restartServer() throws Exception {
        Path log = Path.of("target", "durability-server-start.log");
        ProcessBuilder start = new ProcessBuilder(WLP.resolve("bin").resolve("server").toString(), "start",
                SERVER_DIR.getFileName().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = start.start();
        assertThat(process.waitFor(RESTART_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("server start returned").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();

        // ready, and the feedback storage reopened (it connects in the background after start)
        Instant deadline = Instant.now().plus(RESTART_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> ready = FeedbackTestClient.admin("/health/ready");
                last = ready.statusCode() + " " + ready.body();
                if (ready.statusCode() == 200 && ready.body().contains("\"available\":true")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Flipside not ready again within " + RESTART_TIMEOUT + ": " + last);
    }
}

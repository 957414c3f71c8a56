package health.flipside.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.content.ContentCopy;

/** {@code ./author check | test | preview} on a copy of the content, as an author runs it from the repository root. */
class AuthorCommandTest {
    @TempDir
    Path temp;

    private ContentCopy content;

    /** What one run printed, and its exit code. */
    record Run(int exitCode, String output) {
    }

    @BeforeEach
    void copy() throws IOException {
        content = ContentCopy.in(temp);
    }

    private Run author(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = AuthorCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), content.root, content.root);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("check on the shipped content: no problems, exit 0")
    void checkPasses() {
        Run run = author("check");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("no problems");
    }

    @Test
    @DisplayName("check on broken content: every problem as file:line: message, exit 1")
    void checkFails() throws IOException {
        content.replace("cds-cards/bp/bp-masked-uncontrolled.yaml", "{{home.meanSystolic}}/{{home.meanDiastolic}} ({{home.readings}}",
                "{{home.meanSystolc}}/{{home.meanDiastolic}} ({{home.readings}}");

        Run run = author("check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("cds-cards/bp/bp-masked-uncontrolled.yaml:3: {{home.meanSystolc}} in summary has no value");
    }

    @Test
    @DisplayName("test: one line per scenario and the counts; a failing one with expected against actual")
    void testShowsExpectedAndActual() throws IOException {
        assertThat(author("test").output()).contains("PASS rules/bp/tests/vignette-1-masked-uncontrolled.json", " passed, 0 failed");
        content.replace("rules/bp/thresholds.yaml", "homeHighSystolic:\n    value: 130", "homeHighSystolic:\n    value: 135");

        Run run = author("test");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("FAIL rules/bp/tests/vignette-1-masked-uncontrolled.json")
                .contains("rules/bp/tests/vignette-1-masked-uncontrolled.json:10: card 1 summary")
                .contains("expected: to contain \"above 130/80\"")
                .contains("actual:   \"Home BP avg 138/86 (52 readings, 13 days) above 135/80")
                .contains("1 failed");
    }

    @Test
    @DisplayName("test with a scenario named runs only that one")
    void testOne() {
        Run run = author("test", "rules/bp/tests/mixed-units.json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("PASS rules/bp/tests/mixed-units.json", "1 passed, 0 failed");
    }

    @Test
    @DisplayName("preview of a scenario: the card as an EHR shows it, the rule that fired and its facts")
    void previewScenario() {
        Run run = author("preview", "rules/bp/tests/vignette-1-masked-uncontrolled.json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("[WARNING] Home BP avg 138/86")
                .contains("source: 2025 AHA/ACC")
                .contains("| Home (last 28 days) | **138/86**")
                .contains("[ Consider 24-hour ambulatory BP monitoring to confirm ]")
                .contains("bp.treated.masked-uncontrolled  → WARNING, template bp-masked-uncontrolled")
                .contains("on HomeBloodPressure[");
    }

    @Test
    @DisplayName("preview of a FHIR Bundle: each resource goes where its prefetch key would put it")
    void previewBundle() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode request = json.readTree(content.file("examples/vignette-1-masked-uncontrolled.json").toFile());
        ObjectNode bundle = json.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        request.get("prefetch").forEach(value -> {
            if (value.has("entry")) {
                value.get("entry").forEach(e -> entries.addObject().set("resource", e.get("resource")));
            } else {
                entries.addObject().set("resource", value);
            }
        });
        Files.writeString(temp.resolve("bundle.json"), bundle.toString());

        Run run = author("preview", "bundle.json", "--now", "2026-11-20T12:00:00Z");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("[WARNING] Home BP avg 138/86");
    }

    @Test
    @DisplayName("a usage error: the usage, exit 2")
    void usage() {
        assertThat(author().exitCode()).isEqualTo(2);
        assertThat(author("publish").output()).contains("usage: ./author check");
        assertThat(author("preview").exitCode()).isEqualTo(2);
        assertThat(author("preview", "x.json", "--now", "yesterday").output()).contains("--now needs an ISO-8601 instant");
    }
}

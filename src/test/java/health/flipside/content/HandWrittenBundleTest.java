package health.flipside.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.rules.SourceProblem;
import health.flipside.services.LoadedContent;

/**
 * Scenarios whose patient is a FHIR Bundle an author wrote (rules/README.md "Scenarios"), held in the scenario or in a
 * file it points at. The Bundle is read as it stands: nothing regenerates it or compares it with test code, so a hand
 * edit is accepted, and it reaches the cards.
 */
class HandWrittenBundleTest {
    static final String SCENARIO = "rules/bp/tests/hand-written-home-high.json";
    static final String BUNDLE = "rules/bp/tests/bundles/hand-written-home-high.json";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The shipped rules and cards; each test edits only scenarios and Bundles in its copy. */
    static LoadedContent shipped;

    @TempDir
    Path temp;

    private ContentCopy copy;
    private ScenarioRunner runner;

    @BeforeAll
    static void load() {
        shipped = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
    }

    @BeforeEach
    void copy() throws IOException {
        copy = ContentCopy.in(temp);
        runner = new ScenarioRunner(copy.rules);
    }

    private ScenarioResult run(String scenario) {
        return runner.run(shipped, copy.file(scenario));
    }

    @Test
    @DisplayName("the shipped scenario on a hand-written Bundle passes, and the Bundle beside it is not taken for a scenario")
    void shippedScenarioPasses() {
        ScenarioResult result = run(SCENARIO);

        assertThat(result.problems()).isEmpty();
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(runner.scenarioFiles()).contains(copy.file(SCENARIO)).doesNotContain(copy.file(BUNDLE));
    }

    @Test
    @DisplayName("a hand edit of the Bundle is accepted and reaches the card: one reading 134 → 146 moves the mean to 143/88")
    void handEditIsAccepted() throws IOException {
        copy.replace(BUNDLE, "\"value\": 134,", "\"value\": 146,");
        copy.replace(SCENARIO, "\"142/88\"", "\"143/88\"");

        ScenarioResult result = run(SCENARIO);

        assertThat(result.problems()).isEmpty();
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.explained().result().cards().get(0).summary()).contains("143/88");
    }

    @Test
    @DisplayName("an edit of the Bundle the expectation does not follow fails at the expectation's line")
    void editedBundleIsReallyRead() throws IOException {
        copy.replace(BUNDLE, "\"value\": 134,", "\"value\": 146,");

        ScenarioResult result = run(SCENARIO);

        assertThat(result.passed()).isFalse();
        assertThat(result.mismatches()).hasSize(1);
        assertThat(result.mismatches().get(0).line()).isEqualTo(copy.lineOf(SCENARIO, "\"142/88\""));
        assertThat(result.mismatches().get(0).actual()).contains("143/88");
    }

    @Test
    @DisplayName("a scenario may hold the Bundle itself")
    void inlineBundle() throws IOException {
        ObjectNode scenario = (ObjectNode) JSON.readTree(Files.readString(copy.file(SCENARIO)));
        scenario.set("bundle", JSON.readTree(Files.readString(copy.file(BUNDLE))));
        copy.write("rules/bp/tests/inline-bundle.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(scenario));

        ScenarioResult result = run("rules/bp/tests/inline-bundle.json");

        assertThat(result.problems()).isEmpty();
        assertThat(result.passed()).isTrue();
    }

    @Test
    @DisplayName("a Bundle that is not valid FHIR is refused at the scenario's \"bundle\" line, naming the problem")
    void invalidBundle() throws IOException {
        copy.replace(BUNDLE, "\"resourceType\": \"Bundle\"", "\"resourceType\": \"Bundel\"");

        ScenarioResult result = run(SCENARIO);

        assertThat(result.passed()).isFalse();
        SourceProblem problem = result.problems().get(0);
        assertThat(problem.line()).isEqualTo(copy.lineOf(SCENARIO, "\"bundle\""));
        assertThat(problem.message()).contains("hand-written-home-high.json").contains("not a valid FHIR R4 Bundle");
    }

    @Test
    @DisplayName("a scenario with both \"request\" and \"bundle\" is refused, naming the choice")
    void requestAndBundle() throws IOException {
        copy.replace(SCENARIO, "\"bundle\": ", "\"request\": \"../../../examples/mixed-units.json\",\n  \"bundle\": ");

        ScenarioResult result = run(SCENARIO);

        assertThat(result.passed()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("not both");
            assertThat(p.line()).isEqualTo(copy.lineOf(SCENARIO, "\"bundle\""));
        });
    }
}

package health.flipside.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.content.ContentGate;
import health.flipside.content.ReportText;
import health.flipside.content.ScenarioResult;
import health.flipside.content.ScenarioRunner;
import health.flipside.hooks.CardsResponse;
import health.flipside.services.LoadedContent;
import health.flipside.support.CdsHooksSchemas;

/**
 * Every scenario in {@code rules/**}{@code /tests/*.json}, through the runner the reload gate and {@code ./author test}
 * use (health.flipside.content.ScenarioRunner), one JUnit test each; plus the CDS Hooks schema of each answer.
 */
class ScenarioTest {
    static final Path RULES = Path.of(System.getProperty("flipside.rules.dir", "rules"));
    static final Path CARDS = Path.of(System.getProperty("flipside.cards.dir", "cds-cards"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> scenarios() {
        LoadedContent content = ContentGate.load(RULES, CARDS);
        ScenarioRunner runner = new ScenarioRunner(RULES);
        List<Path> files = runner.scenarioFiles();
        assertThat(files).as("scenario files under rules/*/tests").isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(RULES.relativize(file).toString(), file.toUri(), () -> {
            ScenarioResult result = runner.run(content, file);
            assertThat(result.passed() && result.problems().isEmpty()).as(report(result)).isTrue();
            CdsHooksSchemas.assertValidServiceResponse(JSON.writeValueAsString(new CardsResponse(result.explained().result().cards())));
        }));
    }

    @Test
    void theShippedContentPassesTheReloadGate() {
        ContentGate.Report report = new ContentGate(RULES, CARDS).evaluate();

        assertThat(report.problems()).as("problems").isEmpty();
        assertThat(report.accepted()).isTrue();
    }

    /** The same expected-versus-actual text {@code ./author test} prints. */
    private static String report(ScenarioResult result) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        new ReportText(Path.of("")).scenario(out, result);
        result.problems().forEach(p -> out.println("  " + p));
        return text.toString(StandardCharsets.UTF_8);
    }
}

package health.flipside.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import health.flipside.cards.Card;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;
import health.flipside.hooks.HookRequestParser;
import health.flipside.services.HookCall;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;
import health.flipside.services.SummaryPipeline;
import health.flipside.support.CdsHooksSchemas;

/**
 * Runs every scenario in {@code rules/**}{@code /tests/*.json} through the real pipeline (rules, thresholds and card
 * texts from the repository) and compares findings and cards with what the scenario expects.
 */
class ScenarioTest {
    static final Path RULES = Path.of(System.getProperty("flipside.rules.dir", "rules"));
    static final Path CARDS = Path.of(System.getProperty("flipside.cards.dir", "cds-cards"));
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        LoadedContent content = LoadedContent.load(RULES, CARDS);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(RULES)) {
            files = walk.filter(p -> p.getParent().getFileName().toString().equals("tests"))
                    .filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("scenario files under rules/*/tests").isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(RULES.relativize(file).toString(), file.toUri(),
                () -> run(content, file)));
    }

    static SummaryPipeline.Result evaluate(LoadedContent content, Path requestFile, java.time.Instant now) throws IOException {
        HookCall call = new HookRequestParser(JSON).parse(Files.readString(requestFile), PatientDataSummary.descriptor());
        PrefetchResolver resolver = new PrefetchResolver((access, url) -> {
            throw new AssertionError("scenarios must carry their data as prefetch");
        }, Runnable::run, java.time.Duration.ofSeconds(1));
        ResolvedData data = resolver.resolve(PatientDataSummary.descriptor().prefetch(), call.prefetch(), null,
                call.prefetchTokens(), null);
        return content.pipeline().run(data, now);
    }

    private static void run(LoadedContent content, Path file) throws IOException {
        Scenario scenario = JSON.readValue(file.toFile(), Scenario.class);
        SummaryPipeline.Result result = evaluate(content, file.getParent().resolve(scenario.request()).normalize(), scenario.now());

        List<String> fired = result.findings().stream().map(Finding::ruleId).sorted().toList();
        assertThat(fired).as("rules fired in %s", file).containsExactlyInAnyOrderElementsOf(scenario.expect().findings());

        List<Card> cards = result.cards();
        assertThat(cards).as("cards of %s:\n%s", file, describe(cards)).hasSameSizeAs(scenario.expect().cards());
        for (int i = 0; i < cards.size(); i++) {
            Card card = cards.get(i);
            Scenario.ExpectedCard expected = scenario.expect().cards().get(i);
            String where = file.getFileName() + " card " + (i + 1) + " (" + card.summary() + ")";
            assertThat(card.indicator()).as("indicator of %s", where).isEqualTo(expected.indicator());
            expected.summaryContains().forEach(text -> assertThat(card.summary()).as("summary of %s", where).contains(text));
            expected.detailContains().forEach(text -> assertThat(card.detail()).as("detail of %s", where).contains(text));
            expected.mustNotContain().forEach(text -> assertThat(card.summary() + "\n" + card.detail())
                    .as("text of %s", where).doesNotContainIgnoringCase(text));
            if (expected.suggestions() != null) {
                assertThat(card.suggestions()).as("suggestions of %s", where).hasSize(expected.suggestions());
            }
        }
        CdsHooksSchemas.assertValidServiceResponse(JSON.writeValueAsString(new health.flipside.hooks.CardsResponse(cards)));
    }

    private static String describe(List<Card> cards) {
        List<String> lines = new ArrayList<>();
        cards.forEach(c -> lines.add("  [" + c.indicator() + "] " + c.summary()));
        return String.join("\n", lines);
    }
}

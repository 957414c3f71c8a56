package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.content.Mismatch;
import health.flipside.content.Scenario;
import health.flipside.content.ScenarioRunner;
import health.flipside.cards.Card;
import health.flipside.examples.ExamplePatients;
import health.flipside.support.CdsHooksSchemas;

/**
 * The acceptance fixtures of examples/README.md (vignettes 1–5 and the five edge cases) end to end: each
 * example patient is sent as a full patient-view hook request, dated to the present, to the running server over
 * HTTP with a signed JWT, and the cards that come back are held to the expectations of the scenario file of the
 * same name in rules/&lt;topic&gt;/tests/ (the same expectations the reload gate checks inside the pipeline). The
 * scenarios are written for the examples' anchor day; dates they expect in card texts ("30 Oct", "18 Nov 2026") are
 * moved by the same whole days the example data moved.
 */
class AcceptanceIT {
    static final List<String> FIXTURES = List.of(
            "vignette-1-masked-uncontrolled", "vignette-2-smartwatch-irn", "vignette-3-cgm-hypoglycaemia",
            "vignette-4-no-devices", "vignette-5-hf-weight-kccq",
            "edge-1-phq9-item9", "edge-2-cuffless-watch-only", "edge-3-insufficient-readings",
            "edge-4-fingertip-spo2", "edge-5-cgm-insufficient-wear");
    private static final Path RULES = Path.of("rules");
    private static final Pattern DATE = Pattern.compile("\\b(\\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \\d{4})?\\b");
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final ObjectMapper CARDS = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    Stream<DynamicTest> everyAcceptanceFixtureGivesItsExpectedCardsThroughHttp() {
        return FIXTURES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path scenarioFile = scenarioFile(name);
            Instant now = Instant.now();
            Scenario scenario = shifted(Scenario.read(scenarioFile), ChronoUnit.DAYS.between(
                    LocalDate.ofInstant(ExamplePatients.ANCHOR, ExamplePatients.PATIENT_ZONE),
                    LocalDate.ofInstant(now, ExamplePatients.PATIENT_ZONE)));
            String request = ExamplePatients.hookRequest(ExamplePatients.named(name), now).toString();

            HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            CdsHooksSchemas.assertValidServiceResponse(response.body());
            JsonNode body = Flipside.json(response);
            List<Card> cards = CARDS.convertValue(body.get("cards"), new TypeReference<List<Card>>() { });
            assertThat(cards).as("card budget").hasSizeLessThanOrEqualTo(3);
            List<Mismatch> mismatches = ScenarioRunner.compareCards(scenarioFile, scenario, cards);
            assertThat(mismatches).as(() -> scenarioFile + "\n" + mismatches.stream()
                    .map(m -> "  line " + m.line() + ": " + m.what() + "\n    expected: " + m.expected() + "\n    actual:   " + m.actual())
                    .collect(Collectors.joining("\n"))).isEmpty();
        }));
    }

    /** The scenario with every "d MMM[ yyyy]" date in its expected texts moved by {@code days}. */
    static Scenario shifted(Scenario scenario, long days) {
        List<Scenario.ExpectedCard> cards = scenario.expect().cards().stream().map(c -> new Scenario.ExpectedCard(
                c.indicator(), shift(c.summaryContains(), days), shift(c.detailContains(), days), c.mustNotContain(),
                c.suggestions())).toList();
        return new Scenario(scenario.description(), scenario.request(), scenario.bundle(), scenario.now(), scenario.cardFeedback(),
                new Scenario.Expect(scenario.expect().findings(), cards));
    }

    private static List<String> shift(List<String> texts, long days) {
        return texts.stream().map(text -> {
            Matcher m = DATE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int year = m.group(3) == null ? ExamplePatients.ANCHOR.atOffset(ExamplePatients.PATIENT_ZONE).getYear()
                        : Integer.parseInt(m.group(3).trim());
                LocalDate date = LocalDate.parse(m.group(1) + " " + m.group(2) + " " + year, DAY_MONTH_YEAR).plusDays(days);
                m.appendReplacement(out, date.format(m.group(3) == null ? DAY_MONTH : DAY_MONTH_YEAR));
            }
            return m.appendTail(out).toString();
        }).toList();
    }

    /** The one scenario named after the fixture, in whichever topic holds it. */
    private static Path scenarioFile(String name) throws IOException {
        try (Stream<Path> files = Files.walk(RULES)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(name + ".json"))
                    .filter(p -> p.getParent().getFileName().toString().equals("tests")).toList();
            assertThat(found).as("scenario file for acceptance fixture " + name).hasSize(1);
            return found.get(0);
        }
    }
}

package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
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
import health.flipside.examples.AcceptanceFixtures;
import health.flipside.examples.ExamplePatients;
import health.flipside.support.CdsHooksSchemas;

/**
 * The acceptance fixtures of examples/README.md (vignettes 1–5 and the five edge cases) end to end: each
 * example patient is sent as a full patient-view hook request, dated to the present, to the running server over
 * HTTP with a signed JWT, and the cards that come back are held to the expectations of the scenario file of the
 * same name in rules/&lt;topic&gt;/tests/ (the same expectations the reload gate checks inside the pipeline), with
 * its dates moved to the present ({@link AcceptanceFixtures}).
 */
class AcceptanceIT {
    private static final ObjectMapper CARDS = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    Stream<DynamicTest> everyAcceptanceFixtureGivesItsExpectedCardsThroughHttp() {
        return AcceptanceFixtures.NAMES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path scenarioFile = AcceptanceFixtures.scenarioFile(name);
            Instant now = Instant.now();
            Scenario scenario = AcceptanceFixtures.scenarioAsOf(scenarioFile, now);
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
}

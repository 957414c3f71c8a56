package health.flipside.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.content.PatientInput;
import health.flipside.cards.CardCatalog;
import health.flipside.facts.DataQuality;
import health.flipside.rules.RuleSetLoader;

/**
 * A vendor CGM report whose sensor-active value is no usable share of time: a number UCUM makes infinite (1e308 in
 * a unity annotation, converted to %), one far above 100 %, one just above. Each once failed,
 * or would print as a 309-digit number; now the value is skipped or dropped as implausible and the rest of the
 * report is still judged.
 */
class SummaryPipelineOddNumbersTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SummaryPipeline pipeline = new SummaryPipeline(new RuleSetLoader().load(Path.of("rules")),
            CardCatalog.load(Path.of("cds-cards")));

    @ParameterizedTest(name = "sensor active {0} {1}")
    @CsvSource({"1e308, {x}, 1, 0", "1e308, %, 0, 1", "101, %, 0, 1"})
    void anUnusableShareOfTimeIsLeftOutAndTheReportStillJudged(String value, String code, int skipped, int implausible)
            throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of("examples/glucose-consumer-report.json")));
        ObjectNode sensorActive = (ObjectNode) request.at("/prefetch/laboratory/entry/1/resource/valueQuantity");
        assertThat(request.at("/prefetch/laboratory/entry/1/resource/code/coding/0/code").asText()).isEqualTo("104637-4");
        sensorActive.put("value", new java.math.BigDecimal(value)).put("code", code).remove("unit");

        SummaryPipeline.Explained run = pipeline.explain(PatientInput.fromHookRequest(request.toString()), NOW,
                health.flipside.facts.CardFeedback.NONE);

        DataQuality quality = run.facts().stream().filter(DataQuality.class::isInstance).map(DataQuality.class::cast)
                .findFirst().orElseThrow();
        assertThat(quality.skippedResources()).as("skipped").isEqualTo(skipped);
        assertThat(quality.implausibleReadings()).as("implausible").isEqualTo(implausible);
        assertThat(run.result().composed()).as("the report's other metrics still make a card").isNotEmpty();
        assertThat(run.result().composed().toString()).doesNotContain("Infinity", "00000000");
    }
}

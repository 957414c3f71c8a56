package health.flipside.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import health.flipside.content.PatientInput;
import health.flipside.cards.CardCatalog;
import health.flipside.rules.RuleSetLoader;

/** Children are out of scope (issue 9): the pipeline judges nothing and says why, so the service can count it. */
class SummaryPipelineContextTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final SummaryPipeline pipeline = new SummaryPipeline(new RuleSetLoader().load(Path.of("rules")),
            CardCatalog.load(Path.of("cds-cards")));

    @Test
    void aChildGetsNoFindingAndNoCardAndIsMarkedOutOfScope() throws Exception {
        SummaryPipeline.Result result = pipeline.run(PatientInput.read(Path.of("examples/context-child.json")), NOW);
        assertThat(result.outOfScope()).isEqualTo("child");
        assertThat(result.findings()).isEmpty();
        assertThat(result.cards()).isEmpty();
        assertThat(pipeline.explain(PatientInput.read(Path.of("examples/context-child.json")), NOW).firings()).isEmpty();
    }

    @Test
    void withoutABirthDateThePatientIsJudgedAsAnAdult() throws Exception {
        SummaryPipeline.Result result = pipeline.run(PatientInput.read(Path.of("examples/context-no-birth-date.json")), NOW);
        assertThat(result.outOfScope()).isNull();
        assertThat(result.cards()).first().extracting(c -> c.indicator()).isEqualTo("critical");
    }
}

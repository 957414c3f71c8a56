package health.flipside.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import health.flipside.facts.CardFeedback;
import health.flipside.fhir.ResolvedData;
import health.flipside.rules.SourceLines;
import health.flipside.rules.SourceProblem;

/**
 * One scenario file of {@code rules/<topic>/tests/*.json}: the patient's data (a hook request, or a FHIR Bundle an
 * author wrote), the instant it is evaluated at, and the findings and cards it must produce (rules/README.md
 * "Scenarios").
 *
 * @param request path of the hook request JSON, relative to the scenario file; or
 * @param bundle  a FHIR R4 Bundle of the patient's resources: the Bundle itself, or the path of a file holding it,
 *                relative to the scenario file
 * @param now     the instant the data is judged at, ISO-8601 (e.g. "2026-11-20T12:00:00Z")
 * @param cardFeedback optional: feedback on the patient's earlier cards, rule id → the instant a card of that rule was
 *                dealt with (accepted, or overridden as already addressed); the {@code CardFeedback} fact the service
 *                would look up in the feedback database
 */
public record Scenario(String description, String request, JsonNode bundle, String now, Map<String, Instant> cardFeedback, Expect expect) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).build();

    /** @param findings the exact set of rule ids that must fire */
    public record Expect(List<String> findings, List<ExpectedCard> cards) {
        public Expect {
            findings = findings == null ? List.of() : List.copyOf(findings);
            cards = cards == null ? List.of() : List.copyOf(cards);
        }
    }

    /** A card, in answer order; every listed text must appear, no forbidden text may. */
    public record ExpectedCard(String indicator, List<String> summaryContains, List<String> detailContains,
                               List<String> mustNotContain, Integer suggestions) {
        public ExpectedCard {
            summaryContains = summaryContains == null ? List.of() : List.copyOf(summaryContains);
            detailContains = detailContains == null ? List.of() : List.copyOf(detailContains);
            mustNotContain = mustNotContain == null ? List.of() : List.copyOf(mustNotContain);
        }
    }

    /** Reads a scenario file; a file that does not parse, or lacks request, now or expect, is refused with its line. */
    public static Scenario read(Path file) {
        Scenario scenario;
        try {
            scenario = JSON.readValue(file.toFile(), Scenario.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new ScenarioException(new SourceProblem(file, line, e.getOriginalMessage().lines().findFirst().orElse("unreadable")));
        } catch (IOException e) {
            throw new ScenarioException(new SourceProblem(file, 0, "cannot read: " + e.getMessage()));
        }
        if (scenario == null || (scenario.request() == null && scenario.bundle() == null) || scenario.now() == null
                || scenario.expect() == null) {
            throw new ScenarioException(new SourceProblem(file, 1,
                    "a scenario needs \"request\" (or \"bundle\"), \"now\" and \"expect\""));
        }
        if (scenario.request() != null && scenario.bundle() != null) {
            throw new ScenarioException(new SourceProblem(file, SourceLines.lineOf(SourceLines.index(file), "/bundle"),
                    "a scenario gives its data as \"request\" or as \"bundle\", not both"));
        }
        if (scenario.bundle() != null && !scenario.bundle().isTextual() && !scenario.bundle().isObject()) {
            throw new ScenarioException(new SourceProblem(file, SourceLines.lineOf(SourceLines.index(file), "/bundle"),
                    "\"bundle\" must be a FHIR Bundle, or the path of a file holding one relative to the scenario"));
        }
        try {
            Instant.parse(scenario.now());
        } catch (RuntimeException e) {
            throw new ScenarioException(new SourceProblem(file, SourceLines.lineOf(SourceLines.index(file), "/now"),
                    "\"now\" must be an ISO-8601 instant such as 2026-11-20T12:00:00Z"));
        }
        return scenario;
    }

    /** The JSON pointer of the patient's data in the scenario file: where a problem reading it is reported. */
    public String dataPointer() {
        return request != null ? "/request" : "/bundle";
    }

    /** The patient's data as a problem names it: the file it is in, or the scenario's own "bundle". */
    public String dataSource(Path file) {
        String path = request != null ? request : bundle.isTextual() ? bundle.asText() : null;
        return path == null ? "the \"bundle\" of the scenario" : file.getParent().resolve(path).normalize().toString();
    }

    /**
     * The patient's data: the hook request's prefetch, or the Bundle's resources, each to the prefetch key that
     * queries its type (as {@link PatientInput} reads them). Nothing is fetched.
     *
     * @param file this scenario's file: paths are relative to it
     * @throws IOException a file that cannot be read; IllegalArgumentException a request or Bundle that is not valid
     */
    public ResolvedData data(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (request != null) {
            return PatientInput.read(folder.resolve(request).normalize());
        }
        return PatientInput.fromBundle(bundle.isTextual()
                ? Files.readString(folder.resolve(bundle.asText()).normalize()) : bundle.toString());
    }

    public Instant instant() {
        return Instant.parse(now);
    }

    public CardFeedback feedback() {
        return cardFeedback == null ? CardFeedback.NONE : new CardFeedback(cardFeedback);
    }

    /** A scenario file that cannot be run at all. */
    public static final class ScenarioException extends RuntimeException {
        private final transient SourceProblem problem;

        ScenarioException(SourceProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public SourceProblem problem() {
            return problem;
        }
    }
}

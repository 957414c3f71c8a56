package health.flipside.content;

import java.nio.file.Path;
import java.util.List;

import health.flipside.rules.SourceProblem;
import health.flipside.services.SummaryPipeline;

/**
 * The outcome of one scenario.
 *
 * @param mismatches where the answer differs from the expectation; empty when it passed
 * @param problems   template problems met while rendering its cards, or the reason it could not run at all
 * @param explained  the run itself (facts, firings, cards), null when it could not run
 */
public record ScenarioResult(Path file, String description, List<Mismatch> mismatches, List<SourceProblem> problems,
                             SummaryPipeline.Explained explained) {
    public ScenarioResult {
        mismatches = List.copyOf(mismatches);
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return explained != null && mismatches.isEmpty();
    }
}

package health.flipside.rules;

import java.time.Instant;
import java.util.List;

/**
 * One scenario file of {@code rules/<topic>/tests/*.json}: a hook request, the instant it is evaluated at, and the
 * findings and cards it must produce (rules/README.md "Scenarios").
 *
 * @param request path of the hook request JSON, relative to the scenario file
 */
record Scenario(String description, String request, Instant now, Expect expect) {

    /** @param findings the exact set of rule ids that must fire */
    record Expect(List<String> findings, List<ExpectedCard> cards) {
    }

    /** A card, in answer order; every listed text must appear, no forbidden text may. */
    record ExpectedCard(String indicator, List<String> summaryContains, List<String> detailContains,
                        List<String> mustNotContain, Integer suggestions) {
        ExpectedCard {
            summaryContains = summaryContains == null ? List.of() : summaryContains;
            detailContains = detailContains == null ? List.of() : detailContains;
            mustNotContain = mustNotContain == null ? List.of() : mustNotContain;
        }
    }
}

package health.flipside.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import health.flipside.facts.Thresholds;

/**
 * Clinical honesty, checked: every threshold of the shipped rules names its source with the evidence marker of
 * docs/clinical-sources.md — [V] confirmed, [S] secondary only, [M] not confirmed (verify before go-live), [D] design
 * choice — so a reader of any card or thresholds file can tell a guideline number from a local decision.
 */
class ThresholdSourcesTest {
    private static final Pattern MARKER = Pattern.compile("\\[(V|S|M|D)( citation)?\\]");

    @Test
    void everyShippedThresholdCarriesAnEvidenceMarker() {
        RuleSet rules = new RuleSetLoader().load(Path.of("rules"));
        List<String> unmarked = new ArrayList<>();
        for (Thresholds topic : rules.thresholds().values()) {
            topic.values().forEach((name, t) -> {
                if (!MARKER.matcher(t.source()).find()) {
                    unmarked.add(topic.topic() + "." + name + ": " + t.source());
                }
            });
        }
        assertThat(unmarked).as("thresholds whose source has no [V]/[S]/[M]/[D] marker").isEmpty();
        assertThat(rules.thresholds()).containsKeys("bp", "common");
    }
}

package health.flipside.rules;

import java.util.List;
import java.util.Map;

import org.kie.api.KieBase;

import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.DeviceRegistry;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.Thresholds;

/**
 * Everything loaded from {@code rules/}, compiled once and used read-only by every request: the KieBase, the
 * thresholds per topic, the hospital's device list, the antihypertensive list and the clinical
 * vocabulary (rules/common/clinical-context.yaml).
 *
 * @param sources the rule files as compiled, for checks that read the rules (which templates they name)
 */
public record RuleSet(KieBase kieBase, Map<String, Thresholds> thresholds, DeviceRegistry devices,
                      MedicationClassifier antihypertensives, ClinicalVocabulary vocabulary, int ruleCount, List<RuleSource> sources) {
    public RuleSet {
        thresholds = Map.copyOf(thresholds);
        sources = List.copyOf(sources);
    }
}

package health.flipside.rules;

import java.util.Map;

import org.kie.api.KieBase;

import health.flipside.facts.DeviceRegistry;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.Thresholds;

/**
 * Everything loaded from {@code rules/}, compiled once and used read-only by every request: the KieBase, the
 * thresholds per topic, the hospital's device list and the antihypertensive list.
 */
public record RuleSet(KieBase kieBase, Map<String, Thresholds> thresholds, DeviceRegistry devices,
                      MedicationClassifier antihypertensives, int ruleCount) {
    public RuleSet {
        thresholds = Map.copyOf(thresholds);
    }
}

package health.flipside.rules;

import java.util.List;
import java.util.Map;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.provenance.DeviceRegistry;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.Thresholds;

/**
 * Everything loaded from {@code rules/}, compiled once and used read-only by every request: the KieBase, the
 * thresholds per topic, the hospital's device list, the antihypertensive list and the clinical
 * vocabulary (rules/common/clinical-context.yaml).
 *
 * @param sessions the KieBase's sessions, kept between requests: a session made anew for each request cost twice
 *                 the time of running the rules on the typical patient's facts (bench/README.md); Drools resets a
 *                 session before it serves the next request
 * @param sources  the rule files as compiled, for checks that read the rules (which templates they name)
 */
public record RuleSet(KieBase kieBase, KieSessionsPool sessions, Map<String, Thresholds> thresholds, DeviceRegistry devices,
                      MedicationClassifier antihypertensives, ClinicalVocabulary vocabulary, int ruleCount, List<RuleSource> sources) {
    /** The metadata key a rule declares its rank with: {@code rule "x" @rank(90) when …}. */
    public static final String RANK = "rank";

    public RuleSet {
        thresholds = Map.copyOf(thresholds);
        sources = List.copyOf(sources);
    }

    /**
     * Each rule's declared rank (its {@code @rank(n)} metadata): how cards of the same indicator are ordered, higher
     * first. A rule that declares none ranks 0.
     */
    public Map<String, Integer> ranks() {
        Map<String, Integer> ranks = new java.util.HashMap<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(rule -> {
            Object rank = rule.getMetaData().get(RANK);
            if (rank != null) {
                try {
                    ranks.put(rule.getName(), Integer.parseInt(rank.toString().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("rule \"" + rule.getName() + "\" declares @rank(" + rank
                            + "): a rank must be a whole number", e);
                }
            }
        }));
        return Map.copyOf(ranks);
    }
}

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
 * @param ranks    each rule's declared rank (its {@code @rank(n)} metadata), read when the rules load: how cards of the
 *                 same indicator are ordered, higher first; a rule that declares none is not in the map and ranks 0
 * @param sources  the rule files as compiled, for checks that read the rules (which templates they name)
 */
public record RuleSet(KieBase kieBase, KieSessionsPool sessions, Map<String, Thresholds> thresholds, DeviceRegistry devices,
                      MedicationClassifier antihypertensives, ClinicalVocabulary vocabulary, int ruleCount,
                      Map<String, Integer> ranks, List<RuleSource> sources) {
    /** The metadata key a rule declares its rank with: {@code rule "x" @rank(90) when …}. */
    public static final String RANK = "rank";

    public RuleSet {
        thresholds = Map.copyOf(thresholds);
        ranks = Map.copyOf(ranks);
        sources = List.copyOf(sources);
    }
}

package health.flipside.facts;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the chart says about the patient that changes how their own data is read: active conditions and medication
 * classes (names from {@code rules/common/clinical-context.yaml}, e.g. "atrial-fibrillation", "insulin"), and the
 * last time each kind of documented assessment was done (e.g. "suicide-risk-assessment").
 *
 * @param conditionsKnown  whether the condition list arrived; if not, "no AF on the problem list" cannot be said
 * @param medicationsKnown whether the medication list arrived
 */
public record ClinicalContext(boolean conditionsKnown, Set<String> conditions, boolean medicationsKnown,
                              Set<String> medicationClasses, Map<String, Instant> lastAssessments) {
    public ClinicalContext {
        conditions = Set.copyOf(conditions);
        medicationClasses = Set.copyOf(medicationClasses);
        lastAssessments = Map.copyOf(lastAssessments);
    }

    public static final ClinicalContext UNKNOWN = new ClinicalContext(false, Set.of(), false, Set.of(), Map.of());

    public boolean has(String condition) {
        return conditions.contains(condition);
    }

    public boolean takes(String medicationClass) {
        return medicationClasses.contains(medicationClass);
    }

    /** Whether an assessment of that kind is documented at or after the instant. */
    public boolean assessedSince(String assessment, Instant since) {
        Instant last = lastAssessments.get(assessment);
        return last != null && !last.isBefore(since);
    }
}

package health.flipside.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names staff give to groups of codes, from {@code rules/common/clinical-context.yaml}: which Condition codes
 * mean "atrial fibrillation", which medications are "insulin", which Procedure or Observation codes document a
 * "suicide-risk-assessment". A code ending in '*' matches by prefix (ICD-10 "I48*"); texts match by containment.
 */
public record ClinicalVocabulary(Map<String, Concept> conditions, Map<String, MedicationClassifier> medications,
                                 Map<String, Concept> assessments, Map<String, Concept> patientContext) {
    public ClinicalVocabulary {
        conditions = Map.copyOf(conditions);
        medications = Map.copyOf(medications);
        assessments = Map.copyOf(assessments);
        patientContext = Map.copyOf(patientContext);
    }

    public ClinicalVocabulary(Map<String, Concept> conditions, Map<String, MedicationClassifier> medications,
                              Map<String, Concept> assessments) {
        this(conditions, medications, assessments, Map.of());
    }

    public static final ClinicalVocabulary EMPTY = new ClinicalVocabulary(Map.of(), Map.of(), Map.of());

    /** Codes ("system|code", '*' suffix for a prefix) and lower-case text fragments that name one concept. */
    public record Concept(List<String> codes, List<String> texts) {
        public Concept {
            codes = codes == null ? List.of() : List.copyOf(codes);
            texts = texts == null ? List.of() : texts.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        }

        public boolean matches(Collection<String> conceptCodes, Collection<String> conceptTexts) {
            return matchesLowerCase(conceptCodes, texts.isEmpty() ? List.of() : lowerCase(conceptTexts));
        }

        // Loops, not streams: every Observation, Condition and Procedure of a record is matched against each group.
        private boolean matchesLowerCase(Collection<String> conceptCodes, List<String> lowerTexts) {
            for (String code : conceptCodes) {
                for (String pattern : codes) {
                    boolean prefix = pattern.endsWith("*");
                    if (prefix ? code.regionMatches(0, pattern, 0, pattern.length() - 1) : code.equals(pattern)) {
                        return true;
                    }
                }
            }
            for (String lower : lowerTexts) {
                for (String fragment : texts) {
                    if (lower.contains(fragment)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    public Set<String> conditionsOf(Collection<String> codes, Collection<String> texts) {
        return names(conditions, codes, texts);
    }

    public Set<String> assessmentsOf(Collection<String> codes, Collection<String> texts) {
        return names(assessments, codes, texts);
    }

    /** The patient-context groups a concept is one of ("pregnancy", "ecg", …; see {@link #isContext}). */
    public Set<String> contextsOf(Collection<String> codes, Collection<String> texts) {
        return names(patientContext, codes, texts);
    }

    /**
     * Whether a concept is one of the patient-context groups ("pregnancy", "postpartum", "delivery",
     * "palliative-care", "ecg", "ecg-normal"); a group the file does not define matches nothing.
     */
    public boolean isContext(String name, Collection<String> codes, Collection<String> texts) {
        Concept concept = patientContext.get(name);
        return concept != null && concept.matches(codes, texts);
    }

    public Set<String> medicationClassesOf(Collection<String> codes, Collection<String> texts) {
        Set<String> classes = new TreeSet<>();
        medications.forEach((name, classifier) -> {
            if (classifier.matches(codes, texts)) {
                classes.add(name);
            }
        });
        return classes;
    }

    private static Set<String> names(Map<String, Concept> concepts, Collection<String> codes, Collection<String> texts) {
        List<String> lowerTexts = lowerCase(texts); // once for every group, not once per group
        Set<String> names = new TreeSet<>();
        concepts.forEach((name, concept) -> {
            if (concept.matchesLowerCase(codes, lowerTexts)) {
                names.add(name);
            }
        });
        return names;
    }

    private static List<String> lowerCase(Collection<String> texts) {
        List<String> lower = new ArrayList<>(texts.size());
        for (String text : texts) {
            lower.add(text.toLowerCase(Locale.ROOT));
        }
        return lower;
    }
}

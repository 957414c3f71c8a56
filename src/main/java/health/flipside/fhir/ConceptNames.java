package health.flipside.fhir;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import health.flipside.facts.ClinicalVocabulary;

/**
 * What the vocabulary names the concepts of one hook call, each distinct concept matched once. A record's hundreds or
 * thousands of readings share a handful of codes, and matching every reading's code against every group (its words
 * lower-cased each time) was a fifth of extraction (bench/README.md). Made per call, so it holds nothing of one patient
 * past the call and cannot grow with what other requests send.
 */
final class ConceptNames {
    private final ClinicalVocabulary vocabulary;
    private final Map<Concept, Set<String>> assessments = new HashMap<>();
    private final Map<Concept, Set<String>> contexts = new HashMap<>();

    ConceptNames(ClinicalVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The assessments a concept documents ("suicide-risk-assessment", …). */
    Set<String> assessments(Concept concept) {
        return assessments.computeIfAbsent(concept, c -> vocabulary.assessmentsOf(c.codes(), c.texts()));
    }

    /** Whether a concept is the patient-context group {@code name} ("pregnancy", "ecg", …). */
    boolean isContext(String name, Concept concept) {
        return contexts.computeIfAbsent(concept, c -> vocabulary.contextsOf(c.codes(), c.texts())).contains(name);
    }
}

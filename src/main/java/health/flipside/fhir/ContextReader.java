package health.flipside.fhir;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.ClinicalVocabulary;

/**
 * The chart context of the patient's own data: active conditions, medication classes and documented assessments,
 * named by {@code rules/common/clinical-context.yaml}.
 */
final class ContextReader {
    private static final Set<String> DENIALS = Set.of("no", "absent", "negative", "false", "none");
    private final ClinicalVocabulary vocabulary;

    ContextReader(ClinicalVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * @param names            this call's vocabulary matches
     * @param conditionsKnown  the condition list arrived
     * @param medications      the concepts of the active medication orders
     * @param medicationsKnown the medication list arrived
     */
    ClinicalContext read(ConceptNames names, List<Resource> resources, List<ObservationView> observations, boolean conditionsKnown,
                         List<CodeableConcept> medications, boolean medicationsKnown) {
        Set<String> conditions = new HashSet<>();
        resources.stream().filter(Condition.class::isInstance).map(Condition.class::cast)
                .filter(ContextReader::isActive)
                .forEach(c -> conditions.addAll(vocabulary.conditionsOf(Concept.codesOf(c.getCode()), texts(c.getCode()))));
        Set<String> classes = new HashSet<>();
        medications.forEach(m -> classes.addAll(vocabulary.medicationClassesOf(Concept.codesOf(m), texts(m))));
        Map<String, Instant> assessments = new HashMap<>();
        for (Resource resource : resources) {
            Concept code = null;
            Instant when = null;
            if (resource instanceof Procedure p && p.getStatus() == Procedure.ProcedureStatus.COMPLETED) {
                code = Concept.of(p.getCode());
                when = FhirTimes.performed(p);
            } else if (resource instanceof Condition c && isActive(c)) {
                code = Concept.of(c.getCode()); // a recorded symptom (dizziness, a fall) dates from its onset, else its recording
                when = c.hasOnsetDateTimeType() ? FhirTimes.of(c.getOnsetDateTimeType())
                        : c.hasRecordedDate() ? c.getRecordedDate().toInstant() : null;
            }
            assessed(names, code, when, assessments);
        }
        for (ObservationView o : observations) {
            if (!"entered-in-error".equals(o.status()) && !deniesIt(o)) {
                assessed(names, o.code(), o.effective().map(ObservedTime::instant).orElse(null), assessments);
            }
        }
        return new ClinicalContext(conditionsKnown, conditions, medicationsKnown, classes, assessments);
    }

    /** The assessments a coded, dated record documents, the latest of each kept. */
    private static void assessed(ConceptNames names, Concept code, Instant when, Map<String, Instant> assessments) {
        if (code == null || when == null) {
            return;
        }
        names.assessments(code).forEach(name -> assessments.merge(name, when, (a, b) -> a.isAfter(b) ? a : b));
    }

    /** "Dizziness: no": a symptom question answered false, no, absent or negative records that it did not happen. */
    private static boolean deniesIt(ObservationView observation) {
        ObservedValue value = observation.value();
        if (value instanceof ObservedValue.Bool answer) {
            return Boolean.FALSE.equals(answer.value());
        }
        List<String> words = value instanceof ObservedValue.Coded c ? c.concept().texts()
                : value instanceof ObservedValue.Text s && s.value() != null ? List.of(s.value()) : List.of();
        for (String word : words) { // a loop, not a stream: once for every reading, nearly always over no words
            if (DENIALS.contains(word.trim().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Active unless the record says otherwise (clinicalStatus absent is read as active, verification refuted is not). */
    static boolean isActive(Condition condition) {
        boolean refuted = Concept.codesOf(condition.getVerificationStatus()).stream()
                .anyMatch(c -> c.endsWith("|refuted") || c.endsWith("|entered-in-error"));
        boolean inactive = Concept.codesOf(condition.getClinicalStatus()).stream()
                .anyMatch(c -> c.endsWith("|inactive") || c.endsWith("|resolved") || c.endsWith("|remission"));
        return !refuted && !inactive;
    }

    static List<String> texts(CodeableConcept concept) {
        return Stream.concat(Stream.ofNullable(concept.getText()),
                concept.getCoding().stream().map(Coding::getDisplay).filter(d -> d != null)).toList();
    }
}

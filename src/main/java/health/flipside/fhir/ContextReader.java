package health.flipside.fhir;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.ClinicalVocabulary;

/**
 * The chart context of the patient's own data: active conditions, medication classes and documented assessments,
 * named by {@code rules/common/clinical-context.yaml}.
 */
final class ContextReader {
    private final ClinicalVocabulary vocabulary;

    ContextReader(ClinicalVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * @param conditionsKnown  the condition list arrived
     * @param medications      the concepts of the active medication orders
     * @param medicationsKnown the medication list arrived
     */
    ClinicalContext read(List<Resource> resources, boolean conditionsKnown, List<CodeableConcept> medications,
                         boolean medicationsKnown) {
        Set<String> conditions = new HashSet<>();
        resources.stream().filter(Condition.class::isInstance).map(Condition.class::cast)
                .filter(ContextReader::isActive)
                .forEach(c -> conditions.addAll(vocabulary.conditionsOf(FactExtractor.codes(c.getCode()), texts(c.getCode()))));
        Set<String> classes = new HashSet<>();
        medications.forEach(m -> classes.addAll(vocabulary.medicationClassesOf(FactExtractor.codes(m), texts(m))));
        Map<String, Instant> assessments = new HashMap<>();
        for (Resource resource : resources) {
            CodeableConcept code = null;
            Instant when = null;
            if (resource instanceof Procedure p && p.getStatus() == Procedure.ProcedureStatus.COMPLETED) {
                code = p.getCode();
                when = FhirTimes.performed(p);
            } else if (resource instanceof Observation o && o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR
                    && !deniesIt(o)) {
                code = o.getCode();
                when = FactExtractor.effective(o).map(t -> t.getValue().toInstant()).orElse(null);
            } else if (resource instanceof Condition c && isActive(c)) {
                code = c.getCode(); // a recorded symptom (dizziness, a fall) dates from its onset, else its recording
                when = c.hasOnsetDateTimeType() ? FhirTimes.of(c.getOnsetDateTimeType())
                        : c.hasRecordedDate() ? c.getRecordedDate().toInstant() : null;
            }
            if (code == null || when == null) {
                continue;
            }
            Instant at = when;
            vocabulary.assessmentsOf(FactExtractor.codes(code), texts(code))
                    .forEach(name -> assessments.merge(name, at, (a, b) -> a.isAfter(b) ? a : b));
        }
        return new ClinicalContext(conditionsKnown, conditions, medicationsKnown, classes, assessments);
    }

    /** "Dizziness: no": a symptom question answered false, no, absent or negative records that it did not happen. */
    private static boolean deniesIt(Observation observation) {
        if (observation.getValue() instanceof org.hl7.fhir.r4.model.BooleanType answer) {
            return Boolean.FALSE.equals(answer.getValue());
        }
        List<String> words = observation.getValue() instanceof CodeableConcept c ? texts(c)
                : observation.getValue() instanceof org.hl7.fhir.r4.model.StringType s && s.getValue() != null ? List.of(s.getValue()) : List.of();
        return words.stream().map(w -> w.trim().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(w -> w.equals("no") || w.equals("absent") || w.equals("negative") || w.equals("false") || w.equals("none"));
    }

    /** Active unless the record says otherwise (clinicalStatus absent is read as active, verification refuted is not). */
    static boolean isActive(Condition condition) {
        boolean refuted = FactExtractor.codes(condition.getVerificationStatus()).stream()
                .anyMatch(c -> c.endsWith("|refuted") || c.endsWith("|entered-in-error"));
        boolean inactive = FactExtractor.codes(condition.getClinicalStatus()).stream()
                .anyMatch(c -> c.endsWith("|inactive") || c.endsWith("|resolved") || c.endsWith("|remission"));
        return !refuted && !inactive;
    }

    static List<String> texts(CodeableConcept concept) {
        return Stream.concat(Stream.ofNullable(concept.getText()),
                concept.getCoding().stream().map(Coding::getDisplay).filter(d -> d != null)).toList();
    }
}

package health.flipside.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.PatientRecord;

/**
 * The patient-context part of the chart (issue 9), read once per hook call: the birth date, pregnancy and delivery,
 * palliative or hospice care, documented ECGs and the date of an AF diagnosis. What counts is named by
 * {@code rules/common/clinical-context.yaml} ({@code patientContext}, and {@code conditions/atrial-fibrillation}).
 * A Condition counts when active and not refuted or entered in error; an Observation when final, amended or
 * corrected; an EpisodeOfCare when its status is active; a Procedure when completed; a DiagnosticReport unless
 * entered in error or cancelled.
 */
final class PatientRecordReader {
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private final ClinicalVocabulary vocabulary;

    PatientRecordReader(ClinicalVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * @param names        this call's vocabulary matches
     * @param observations the Observations that may be read (final, amended, corrected)
     */
    PatientRecord read(ConceptNames names, List<Resource> resources, List<ObservationView> observations) {
        LocalDate birthDate = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
                .filter(p -> p.hasBirthDate() && p.getBirthDateElement().getValue() != null)
                .map(p -> LocalDate.of(p.getBirthDateElement().getYear(), p.getBirthDateElement().getMonth() + 1,
                        p.getBirthDateElement().getDay()))
                .findFirst().orElse(null);
        Reading r = new Reading(names);
        for (Resource resource : resources) {
            if (resource instanceof Condition c && ContextReader.isActive(c)) {
                condition(c, r);
            } else if (resource instanceof EpisodeOfCare e && e.getStatus() == EpisodeOfCare.EpisodeOfCareStatus.ACTIVE) {
                episode(e, r);
            } else if (resource instanceof Procedure p && p.getStatus() == Procedure.ProcedureStatus.COMPLETED) {
                procedure(p, r);
            } else if (resource instanceof DiagnosticReport d && isUsable(d)) {
                report(d, r);
            }
        }
        observations.forEach(o -> observation(o, r));
        return new PatientRecord(birthDate, r.pregnancyActive, r.pregnancyObserved, r.notPregnantObserved,
                r.postpartumActive, r.delivered, r.palliative, r.ecgs, r.afRecorded);
    }

    /** What one pass over the resources found. */
    private static final class Reading {
        final ConceptNames names;
        boolean pregnancyActive;
        Instant pregnancyObserved;
        Instant notPregnantObserved;
        boolean postpartumActive;
        Instant delivered;
        boolean palliative;
        final List<PatientRecord.Ecg> ecgs = new ArrayList<>();
        Instant afRecorded;

        Reading(ConceptNames names) {
            this.names = names;
        }

        boolean is(String name, CodeableConcept concept) {
            return concept != null && !concept.isEmpty() && is(name, Concept.of(concept));
        }

        boolean is(String name, Concept concept) {
            return !concept.isEmpty() && names.isContext(name, concept);
        }
    }

    private void condition(Condition c, Reading r) {
        CodeableConcept code = c.getCode();
        Instant onset = c.hasOnsetDateTimeType() ? FhirTimes.of(c.getOnsetDateTimeType())
                : c.hasOnsetPeriod() ? FhirTimes.start(c.getOnsetPeriod()) : null;
        if (r.is("pregnancy", code)) {
            r.pregnancyActive = true;
        }
        if (r.is("postpartum", code) || r.is("delivery", code)) {
            r.postpartumActive = true;
            r.delivered = latest(r.delivered, onset);
        }
        if (r.is("palliative-care", code)) {
            r.palliative = true;
        }
        if (vocabulary.conditionsOf(Concept.codesOf(code), ContextReader.texts(code)).contains("atrial-fibrillation")) {
            Instant diagnosed = onset != null ? onset : c.hasRecordedDate() ? c.getRecordedDate().toInstant() : null;
            r.afRecorded = latest(r.afRecorded, diagnosed);
        }
    }

    private void observation(ObservationView o, Reading r) {
        Instant at = o.effective().map(ObservedTime::instant).orElse(null);
        Concept code = o.code();
        Concept value = o.value() instanceof ObservedValue.Coded coded ? coded.concept() : Concept.NONE;
        if (at == null) {
            return;
        }
        if (r.is("not-pregnant", value)) {
            r.notPregnantObserved = latest(r.notPregnantObserved, at);
        } else if (r.is("pregnancy", code) || r.is("pregnancy", value)) {
            r.pregnancyObserved = latest(r.pregnancyObserved, at);
        }
        if (r.is("delivery", code)) {
            Instant recorded = o.value() instanceof ObservedValue.DateTime dateTime ? dateTime.value() : null;
            r.delivered = latest(r.delivered, recorded != null ? recorded : at);
        }
        if (r.is("ecg", code)) {
            boolean normal = r.is("ecg-normal", value) || o.interpretation().stream()
                    .anyMatch(i -> i.codes().contains(INTERPRETATION + "|N"));
            r.ecgs.add(new PatientRecord.Ecg(at, normal, "Observation"));
        }
    }

    private void episode(EpisodeOfCare e, Reading r) {
        for (CodeableConcept type : e.getType()) {
            if (r.is("pregnancy", type)) {
                r.pregnancyActive = true;
            }
            if (r.is("postpartum", type)) {
                r.postpartumActive = true;
            }
            if (r.is("palliative-care", type)) {
                r.palliative = true;
            }
        }
    }

    private void procedure(Procedure p, Reading r) {
        Instant at = FhirTimes.performed(p);
        if (at == null) {
            return;
        }
        if (r.is("delivery", p.getCode())) {
            r.delivered = latest(r.delivered, at);
        }
        if (r.is("ecg", p.getCode())) {
            r.ecgs.add(new PatientRecord.Ecg(at, r.is("ecg-normal", p.getOutcome()), "Procedure"));
        }
    }

    private void report(DiagnosticReport d, Reading r) {
        Instant effective = d.hasEffectiveDateTimeType() ? FhirTimes.of(d.getEffectiveDateTimeType())
                : d.hasEffectivePeriod() ? FhirTimes.start(d.getEffectivePeriod()) : null;
        Instant at = effective != null ? effective : d.hasIssued() ? d.getIssued().toInstant() : null;
        if (at == null || !r.is("ecg", d.getCode())) {
            return;
        }
        boolean normal = d.getConclusionCode().stream().anyMatch(c -> r.is("ecg-normal", c))
                || (d.hasConclusion() && vocabulary.isContext("ecg-normal", Set.of(), List.of(d.getConclusion())));
        r.ecgs.add(new PatientRecord.Ecg(at, normal, "DiagnosticReport"));
    }

    private static boolean isUsable(DiagnosticReport d) {
        DiagnosticReport.DiagnosticReportStatus s = d.getStatus();
        return s != null && s != DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR
                && s != DiagnosticReport.DiagnosticReportStatus.CANCELLED && s != DiagnosticReport.DiagnosticReportStatus.REGISTERED;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}

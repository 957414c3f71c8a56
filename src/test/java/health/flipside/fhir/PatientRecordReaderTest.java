package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.PatientContext;
import health.flipside.facts.PatientRecord;
import health.flipside.facts.Thresholds;
import health.flipside.rules.RuleSet;
import health.flipside.rules.RuleSetLoader;

/**
 * The patient context (issue 9) read from FHIR with the shipped codes of rules/common/clinical-context.yaml: from
 * Condition, Observation, EpisodeOfCare, Procedure and DiagnosticReport; inactive, refuted and entered-in-error
 * records ignored; a missing birth date is an unknown age, not a child.
 */
class PatientRecordReaderTest {
    static final RuleSet RULES = new RuleSetLoader().load(Path.of("rules"));
    static final Thresholds COMMON = RULES.thresholds().get("common");
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    private final PatientRecordReader reader = new PatientRecordReader(RULES.vocabulary());

    private PatientContext context(Resource... resources) {
        ResolvedData data = new ResolvedData(java.util.Map.of("all", new ArrayList<>(List.of(resources))), List.of());
        List<ObservationView> usable = data.allObservations().stream().filter(ObservationView::usable).toList();
        ConceptNames names = new ConceptNames(RULES.vocabulary());
        PatientRecord record = reader.read(names, data.all(), usable);
        ClinicalContext chart = new ContextReader(RULES.vocabulary()).read(names, data.all(), data.allObservations(), true, List.of(), true);
        return PatientContext.of(record, chart, COMMON, NOW);
    }

    static Instant daysAgo(int days) {
        return NOW.minusSeconds(days * 86_400L);
    }

    static Patient born(LocalDate date) {
        Patient patient = new Patient();
        if (date != null) {
            patient.setBirthDateElement(new DateType(date.toString()));
        }
        return patient;
    }

    static Condition condition(String system, String code, String clinicalStatus, String verificationStatus) {
        Condition c = new Condition();
        c.setCode(new CodeableConcept(new Coding(system, code, null)));
        if (clinicalStatus != null) {
            c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus, null)));
        }
        if (verificationStatus != null) {
            c.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", verificationStatus, null)));
        }
        return c;
    }

    static Observation pregnancyStatus(int daysAgo, String answer, Observation.ObservationStatus status) {
        Observation o = new Observation();
        o.setStatus(status);
        o.setCode(new CodeableConcept(new Coding(LOINC, "82810-3", "Pregnancy status")));
        o.setEffective(new DateTimeType(Date.from(daysAgo(daysAgo))));
        o.setValue(new CodeableConcept(new Coding(LOINC, answer, null)));
        return o;
    }

    static EpisodeOfCare episode(String snomed, EpisodeOfCare.EpisodeOfCareStatus status) {
        EpisodeOfCare e = new EpisodeOfCare();
        e.setStatus(status);
        e.addType(new CodeableConcept(new Coding(SNOMED, snomed, null)));
        return e;
    }

    static Procedure procedure(String snomed, int daysAgo, Procedure.ProcedureStatus status) {
        Procedure p = new Procedure();
        p.setStatus(status);
        p.setCode(new CodeableConcept(new Coding(SNOMED, snomed, null)));
        p.setPerformed(new DateTimeType(Date.from(daysAgo(daysAgo))));
        return p;
    }

    static DiagnosticReport ecgReport(int daysAgo, String conclusion, DiagnosticReport.DiagnosticReportStatus status) {
        DiagnosticReport d = new DiagnosticReport();
        d.setStatus(status);
        d.setCode(new CodeableConcept(new Coding(LOINC, "11524-6", "EKG study")));
        d.setEffective(new DateTimeType(Date.from(daysAgo(daysAgo))));
        if (conclusion != null) {
            d.addConclusionCode(new CodeableConcept(new Coding(SNOMED, conclusion, null)));
        }
        return d;
    }

    @Nested
    class Age {
        @Test
        void ageInWholeYearsAtTheCallsInstant() {
            PatientContext seventeen = context(born(LocalDate.of(2008, 11, 21)));
            assertThat(seventeen.ageYears()).as("18 tomorrow").isEqualTo(17);
            assertThat(seventeen.child()).isTrue();
            PatientContext eighteen = context(born(LocalDate.of(2008, 11, 20)));
            assertThat(eighteen.ageYears()).isEqualTo(18);
            assertThat(eighteen.child()).isFalse();
        }

        @Test
        void olderAdultFromSixtyFive() {
            assertThat(context(born(LocalDate.of(1961, 11, 20))).olderAdult()).isTrue();
            assertThat(context(born(LocalDate.of(1961, 11, 21))).olderAdult()).isFalse();
        }

        @Test
        void aMissingBirthDateIsAnUnknownAgeNotAChild() {
            PatientContext unknown = context(born(null));
            assertThat(unknown.ageKnown()).isFalse();
            assertThat(unknown.child()).isFalse();
            assertThat(unknown.olderAdult()).isFalse();
            assertThat(context().ageKnown()).as("no Patient resource at all").isFalse();
        }
    }

    @Nested
    class Pregnancy {
        @Test
        void fromAnActiveConditionButNotARefutedResolvedOrErroneousOne() {
            assertThat(context(condition(SNOMED, "77386006", "active", null)).pregnant()).isTrue();
            assertThat(context(condition("http://hl7.org/fhir/sid/icd-10-cm", "Z34.83", null, null)).pregnant())
                    .as("ICD-10-CM Z34 by prefix, no clinical status = active").isTrue();
            assertThat(context(condition(SNOMED, "77386006", "active", "refuted")).pregnant()).isFalse();
            assertThat(context(condition(SNOMED, "77386006", "active", "entered-in-error")).pregnant()).isFalse();
            assertThat(context(condition(SNOMED, "77386006", "resolved", null)).pregnant()).isFalse();
            assertThat(context(condition(SNOMED, "77386006", "inactive", null)).pregnant()).isFalse();
        }

        @Test
        void fromAPregnancyStatusObservationUntilALaterNotPregnant() {
            Observation pregnant = pregnancyStatus(30, "LA15173-0", Observation.ObservationStatus.FINAL);
            assertThat(context(pregnant).pregnant()).isTrue();
            assertThat(context(pregnant, pregnancyStatus(5, "LA26683-5", Observation.ObservationStatus.FINAL)).pregnant())
                    .as("a later 'not pregnant' ends it").isFalse();
            assertThat(context(pregnant, pregnancyStatus(60, "LA26683-5", Observation.ObservationStatus.FINAL)).pregnant())
                    .as("an earlier 'not pregnant' does not").isTrue();
            assertThat(context(pregnancyStatus(30, "LA15173-0", Observation.ObservationStatus.ENTEREDINERROR)).pregnant()).isFalse();
            assertThat(context(pregnancyStatus(300, "LA15173-0", Observation.ObservationStatus.FINAL)).pregnant())
                    .as("older than pregnancyObservationMaxDays (280)").isFalse();
        }

        @Test
        void fromAnActiveEpisodeOfCare() {
            assertThat(context(episode("424525001", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE)).pregnant()).isTrue();
            assertThat(context(episode("424525001", EpisodeOfCare.EpisodeOfCareStatus.FINISHED)).pregnant()).isFalse();
        }

        @Test
        void postpartumForSixWeeksAfterADeliveryWithTheWeeksCounted() {
            PatientContext threeWeeks = context(procedure("236973005", 21, Procedure.ProcedureStatus.COMPLETED));
            assertThat(threeWeeks.postpartum()).isTrue();
            assertThat(threeWeeks.weeksSinceDelivery()).isEqualTo(3);
            assertThat(threeWeeks.deliveryDateKnown()).isTrue();
            assertThat(context(procedure("236973005", 42, Procedure.ProcedureStatus.COMPLETED)).postpartum()).as("6 weeks").isTrue();
            assertThat(context(procedure("236973005", 43, Procedure.ProcedureStatus.COMPLETED)).postpartum()).isFalse();
            assertThat(context(procedure("236973005", 21, Procedure.ProcedureStatus.NOTDONE)).postpartum()).isFalse();
        }

        @Test
        void aDeliveryAfterAPregnantObservationEndsThePregnancy() {
            PatientContext delivered = context(pregnancyStatus(100, "LA15173-0", Observation.ObservationStatus.FINAL),
                    procedure("236973005", 10, Procedure.ProcedureStatus.COMPLETED));
            assertThat(delivered.pregnant()).isFalse();
            assertThat(delivered.postpartum()).isTrue();
        }

        @Test
        void aPostpartumEpisodeWithoutADeliveryDateCountsWhileActive() {
            PatientContext postpartum = context(episode("133906008", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE));
            assertThat(postpartum.postpartum()).isTrue();
            assertThat(postpartum.weeksSinceDelivery()).isEqualTo(-1);
            assertThat(postpartum.deliveryDateKnown()).isFalse();
        }
    }

    @Nested
    class PalliativeCare {
        @Test
        void fromAConditionOrAnEpisodeOfCare() {
            assertThat(context(condition("http://hl7.org/fhir/sid/icd-10-cm", "Z51.5", "active", null)).palliative()).isTrue();
            assertThat(context(episode("385763009", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE)).palliative()).as("hospice").isTrue();
            assertThat(context(episode("385763009", EpisodeOfCare.EpisodeOfCareStatus.CANCELLED)).palliative()).isFalse();
            assertThat(context(condition(SNOMED, "103735009", "active", "entered-in-error")).palliative()).isFalse();
        }
    }

    @Nested
    class Rhythm {
        @Test
        void theLatestEcgFromAReportProcedureOrObservationWithItsCodedResult() {
            PatientContext report = context(ecgReport(10, "164854000", DiagnosticReport.DiagnosticReportStatus.FINAL),
                    procedure("268400002", 40, Procedure.ProcedureStatus.COMPLETED));
            assertThat(report.lastEcgAt()).isEqualTo(daysAgo(10));
            assertThat(report.lastEcgNormal()).isTrue();
            assertThat(report.lastEcgKind()).isEqualTo("DiagnosticReport");

            PatientContext procedureOnly = context(procedure("268400002", 5, Procedure.ProcedureStatus.COMPLETED));
            assertThat(procedureOnly.lastEcgKind()).isEqualTo("Procedure");
            assertThat(procedureOnly.lastEcgNormal()).as("no coded outcome: not called normal").isFalse();

            Observation ecg = new Observation();
            ecg.setStatus(Observation.ObservationStatus.FINAL);
            ecg.setCode(new CodeableConcept(new Coding(LOINC, "34534-8", "EKG 12 channel panel")));
            ecg.setEffective(new DateTimeType(Date.from(daysAgo(2))));
            ecg.addInterpretation(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "N", "Normal")));
            assertThat(context(ecg).lastEcgNormal()).isTrue();
        }

        @Test
        void anErroneousOrCancelledEcgReportIsIgnored() {
            assertThat(context(ecgReport(10, "164854000", DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR)).lastEcgAt()).isNull();
            assertThat(context(ecgReport(10, "164854000", DiagnosticReport.DiagnosticReportStatus.CANCELLED)).lastEcgAt()).isNull();
        }

        @Test
        void anAfDiagnosisWithItsDate() {
            Condition af = condition(SNOMED, "49436004", "active", null);
            af.setOnset(new DateTimeType(Date.from(daysAgo(10))));
            PatientContext known = context(af);
            assertThat(known.knownAf()).isTrue();
            assertThat(known.afRecordedAt()).isEqualTo(daysAgo(10));
            Condition recorded = condition("http://hl7.org/fhir/sid/icd-10-cm", "I48.91", "active", null);
            recorded.setRecordedDate(Date.from(daysAgo(3)));
            assertThat(context(recorded).afRecordedAt()).as("no onset: the recorded date").isEqualTo(daysAgo(3));
            assertThat(context(condition(SNOMED, "49436004", "active", "refuted")).knownAf()).isFalse();
        }
    }
}

package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceRegistry;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.Measurement;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import health.flipside.facts.UnitConverter;

/** FHIR R4 → the non-BP streams and the chart context (docs/clinical-sources.md, glucose and CGM, heart failure,
 * wearables, activity and sleep, across topics; rules/README.md). */
class StreamExtractionTest {
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CLINIC = "Organization/demo-clinic";

    private static final DeviceRegistry DEVICES = new DeviceRegistry(Set.of(CLINIC),
            List.of(new DeviceRegistry.Model("Nonin", "3230", DeviceKind.FINGERTIP_OXIMETER),
                    new DeviceRegistry.Model("Dexcom", "G7", DeviceKind.CGM)),
            List.of(new DeviceRegistry.Model("Apple", "Watch", DeviceKind.CUFFLESS)));
    private static final ClinicalVocabulary VOCABULARY = new ClinicalVocabulary(
            Map.of("atrial-fibrillation", new ClinicalVocabulary.Concept(
                    List.of("http://snomed.info/sct|49436004", "http://hl7.org/fhir/sid/icd-10-cm|I48*"), List.of("atrial fibrillation"))),
            Map.of("insulin", new MedicationClassifier(List.of("A10A"), List.of("insulin"))),
            Map.of("suicide-risk-assessment", new ClinicalVocabulary.Concept(List.of("http://snomed.info/sct|225337009"), List.of()),
                    "hypotension-symptom", new ClinicalVocabulary.Concept(List.of("http://snomed.info/sct|404640003"), List.of("dizziness"))));
    private final FactExtractor extractor = new FactExtractor(DEVICES,
            new MedicationClassifier(List.of("C09"), List.of()), VOCABULARY, new UnitConverter());

    static Observation byPatient(String loinc, String effective, Double value, String unit) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        observation.setEffective(new DateTimeType(effective));
        observation.addPerformer(new Reference("Patient/123"));
        if (value != null) {
            observation.setValue(new Quantity().setValue(value).setSystem(UCUM).setCode(unit));
        }
        return observation;
    }

    private PatientData extract(Map<String, List<Resource>> byKey) {
        return extractor.extract(new ResolvedData(byKey, List.of()));
    }

    private PatientData extract(Resource... resources) {
        return extract(Map.of("all", List.of(resources)));
    }

    private Measurement only(Resource... resources) {
        PatientData data = extract(resources);
        assertThat(data.skippedResources()).as("skipped").isZero();
        assertThat(data.measurements()).hasSize(1);
        return data.measurements().get(0);
    }

    @Nested
    class Ketones {
        private Observation strip(org.hl7.fhir.r4.model.Type value) {
            Observation strip = byPatient("2514-8", "2026-11-19T07:00:00-05:00", null, null);
            strip.setValue(value);
            return strip;
        }

        @Test
        void aUrineStripIsReadFromItsWordsOrPlusSigns() {
            assertThat(only(strip(new CodeableConcept().setText("Moderate"))).value()).isEqualTo(3.0);
            assertThat(only(strip(new CodeableConcept(new Coding("http://snomed.info/sct", "x", "Large")))).value()).isEqualTo(4.0);
            assertThat(only(strip(new org.hl7.fhir.r4.model.StringType("++"))).value()).isEqualTo(3.0);
            assertThat(only(strip(new org.hl7.fhir.r4.model.StringType("negative"))).metric()).isEqualTo(Metric.URINE_KETONES);
        }

        @Test
        void anAnswerItCannotPlaceIsSkippedNotGuessed() {
            PatientData data = extract(strip(new org.hl7.fhir.r4.model.StringType("purple")));
            assertThat(data.measurements()).isEmpty();
            assertThat(data.skippedResources()).isEqualTo(1);
        }

        @Test
        void bloodKetonesAreReadInMmolPerLitre() {
            Measurement m = only(byPatient("53060-9", "2026-11-19T07:00:00Z", 2.1, "mmol/L"));
            assertThat(m.metric()).isEqualTo(Metric.BLOOD_KETONES);
            assertThat(m.value()).isEqualTo(2.1);
        }
    }

    @Nested
    class Units {
        @Test
        void glucoseInMmolPerLitreIsConvertedByTheMolarMassOfGlucose() {
            Measurement m = only(byPatient("41653-7", "2026-11-19T07:00:00-05:00", 5.5, "mmol/L"));
            assertThat(m.metric()).isEqualTo(Metric.GLUCOSE);
            assertThat(m.value()).isCloseTo(99.1, within(0.1));
        }

        @Test
        void sensorGlucoseInMgPerDecilitreIsKeptAsIs() {
            assertThat(only(byPatient("99504-3", "2026-11-19T07:00:00Z", 143.0, "mg/dL")).value()).isEqualTo(143.0);
        }

        @Test
        void weightInPoundsIsConvertedToKilogramsByUcum() {
            Measurement m = only(byPatient("29463-7", "2026-11-19T07:00:00Z", 200.0, "[lb_av]"));
            assertThat(m.metric()).isEqualTo(Metric.BODY_WEIGHT);
            assertThat(m.value()).isCloseTo(90.72, within(0.01));
        }

        @Test
        void sleepInMinutesBecomesHours() {
            assertThat(only(byPatient("93832-4", "2026-11-19T07:00:00Z", 354.0, "min")).value()).isCloseTo(5.9, within(0.001));
        }

        @Test
        void bareStepCountsAreTakenAsCounts() {
            assertThat(only(byPatient("41950-7", "2026-11-19T23:59:00Z", 9200.0, "{steps}")).value()).isEqualTo(9200.0);
        }

        @Test
        void aUnitUcumDoesNotKnowIsSkippedAndCountedNeverGuessed() {
            PatientData data = extract(byPatient("29463-7", "2026-11-19T07:00:00Z", 80.0, "kilos"),
                    byPatient("29463-7", "2026-11-19T07:00:00Z", null, null));
            assertThat(data.measurements()).isEmpty();
            assertThat(data.skippedResources()).isEqualTo(2);
        }
    }

    @Nested
    class Shapes {
        @Test
        void theCgmTimesInRangesPanelGivesOneMeasurementPerRange() {
            Observation panel = byPatient("106793-3", "2026-11-19T00:00:00Z", null, null);
            panel.setEffective(new Period().setStartElement(new DateTimeType("2026-11-05T00:00:00Z"))
                    .setEndElement(new DateTimeType("2026-11-19T00:00:00Z")));
            double[] values = {1.6, 3.9, 74, 17.5, 3};
            String[] codes = {"104642-4", "104641-6", "97510-2", "104640-8", "104639-0"};
            for (int i = 0; i < codes.length; i++) {
                panel.addComponent().setCode(new CodeableConcept(new Coding(LOINC, codes[i], null)))
                        .setValue(new Quantity().setValue(values[i]).setSystem(UCUM).setCode("%"));
            }
            List<Measurement> ranges = extract(panel).measurements();
            assertThat(ranges).extracting(Measurement::metric).containsExactly(Metric.CGM_TIME_VERY_LOW, Metric.CGM_TIME_LOW,
                    Metric.CGM_TIME_IN_RANGE, Metric.CGM_TIME_HIGH, Metric.CGM_TIME_VERY_HIGH);
            assertThat(ranges.get(2).value()).isEqualTo(74.0);
            assertThat(ranges.get(0).periodStart()).hasToString("2026-11-05T00:00:00Z");
            assertThat(ranges.get(0).takenAt()).as("a period is dated by its end").hasToString("2026-11-19T00:00:00Z");
        }

        @Test
        void anIrregularRhythmNotificationIsAnEventWithoutAValue() {
            Observation irn = byPatient("x", "2026-11-01T03:12:00Z", null, null);
            irn.setCode(new CodeableConcept(new Coding(ObservationCodes.FLIPSIDE, "irregular-rhythm-notification", null)));
            Measurement m = only(irn);
            assertThat(m.metric()).isEqualTo(Metric.IRREGULAR_RHYTHM_NOTIFICATION);
            assertThat(m.value()).isEqualTo(1.0);
        }

        @Test
        void theCodeDecidesNotTheCategory() {
            Observation cgm = byPatient("99504-3", "2026-11-19T07:00:00Z", 120.0, "mg/dL");
            cgm.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
            assertThat(only(cgm).metric()).isEqualTo(Metric.SENSOR_GLUCOSE);
        }

        @Test
        void clinicMeasurementsAreNotThePatientsOwnData() {
            Observation clinicWeight = byPatient("29463-7", "2026-11-19T07:00:00Z", 80.0, "kg");
            clinicWeight.getPerformer().clear();
            clinicWeight.addPerformer(new Reference("Practitioner/nurse"));
            PatientData data = extract(clinicWeight);
            assertThat(data.measurements()).isEmpty();
            assertThat(data.skippedResources()).as("not skipped: simply not PGHD").isZero();
        }

        @Test
        void enteredInErrorObservationsAreIgnored() {
            Observation wrong = byPatient("29463-7", "2026-11-19T07:00:00Z", 80.0, "kg");
            wrong.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
            assertThat(extract(wrong).measurements()).isEmpty();
        }
    }

    @Nested
    class Provenance {
        @Test
        void aListedFingertipOximeterIsTierBWithItsKind() {
            Device nonin = new Device();
            nonin.setId("ox-1");
            nonin.setManufacturer("Nonin");
            nonin.setModelNumber("3230");
            Observation spo2 = byPatient("59408-5", "2026-11-19T07:00:00Z", 91.0, "%");
            spo2.setDevice(new Reference("Device/ox-1"));
            Measurement m = only(spo2, nonin);
            assertThat(m.device().tier()).isEqualTo(DeviceTier.VALIDATED);
            assertThat(m.device().kind()).isEqualTo(DeviceKind.FINGERTIP_OXIMETER);
            assertThat(m.deviceId()).isEqualTo("Device/ox-1");
        }

        @Test
        void noDeviceMeansSelfReported() {
            assertThat(only(byPatient("29463-7", "2026-11-19T07:00:00Z", 80.0, "kg")).device().tier())
                    .isEqualTo(DeviceTier.SELF_REPORTED);
        }

        /** As the HL7 CGM IG shapes a sensor reading: laboratory category, no performer, no device. */
        private static Observation igSensorReading() {
            Observation reading = byPatient("99504-3", "2026-11-19T07:00:00Z", 120.0, "mg/dL");
            reading.getPerformer().clear();
            reading.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
            return reading;
        }

        private static Device sensor(String id) {
            Device device = new Device();
            device.setId(id);
            device.setManufacturer("Dexcom");
            device.addDeviceName().setName("G7").setType(Device.DeviceNameType.MODELNAME);
            return device;
        }

        @Test
        void cgmDataNamingNoDeviceIsReadAndAttributedToTheRecordsOnlyCgm() {
            Measurement m = only(igSensorReading(), sensor("cgm-1"));
            assertThat(m.metric()).isEqualTo(Metric.SENSOR_GLUCOSE);
            assertThat(m.device().kind()).isEqualTo(DeviceKind.CGM);
            assertThat(m.device().tier()).isEqualTo(DeviceTier.VALIDATED);
            assertThat(m.deviceId()).isEqualTo("Device/cgm-1");
        }

        @Test
        void withTwoCgmsInTheRecordCgmDataNamingNoDeviceIsNotAttributedByGuess() {
            Measurement m = only(igSensorReading(), sensor("cgm-1"), sensor("cgm-2"));
            assertThat(m.device().tier()).isEqualTo(DeviceTier.SELF_REPORTED);
            assertThat(m.deviceId()).isNull();
        }

        @Test
        void cgmDataRecordedByStaffIsNotThePatientsOwn() {
            Observation reading = igSensorReading();
            reading.addPerformer(new Reference("Practitioner/diabetes-nurse"));
            assertThat(extract(reading, sensor("cgm-1")).measurements()).isEmpty();
        }

        @Test
        void aWeightNamingNoDeviceIsNotAttributedToTheCgm() {
            Measurement m = only(byPatient("29463-7", "2026-11-19T07:00:00Z", 80.0, "kg"), sensor("cgm-1"));
            assertThat(m.device().tier()).isEqualTo(DeviceTier.SELF_REPORTED);
        }

        @Test
        void aDeviceReferenceThatResolvesToNothingIsKeptAtTheLowestTier() {
            Observation weight = byPatient("29463-7", "2026-11-19T07:00:00Z", 80.0, "kg");
            weight.setDevice(new Reference("Device/missing"));
            PatientData data = extract(weight);
            assertThat(data.measurements()).singleElement()
                    .satisfies(m -> assertThat(m.device()).isEqualTo(health.flipside.facts.provenance.DeviceInfo.UNRESOLVED));
            assertThat(data.unresolvedDevices()).isEqualTo(1);
            assertThat(data.skippedResources()).isZero();
        }
    }

    @Nested
    class Context {
        @Test
        void conditionsMatchByCodePrefixAndRefutedOnesDoNotCount() {
            Condition af = new Condition().setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "I48.91", null)));
            PatientData data = extract(Map.of("conditions", List.of(af)));
            assertThat(data.context().conditionsKnown()).isTrue();
            assertThat(data.context().has("atrial-fibrillation")).isTrue();

            af.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
            assertThat(extract(Map.of("conditions", List.of(af))).context().has("atrial-fibrillation")).isFalse();
        }

        @Test
        void withoutTheConditionsKeyTheProblemListIsUnknown() {
            assertThat(extract(Map.of("vitalSigns", List.of())).context().conditionsKnown()).isFalse();
        }

        @Test
        void medicationClassesComeFromActiveOrdersByIngredientText() {
            MedicationRequest insulin = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            insulin.setMedication(new CodeableConcept().setText("Insulin glargine 100 UNT/ML"));
            MedicationRequest stopped = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
            stopped.setMedication(new CodeableConcept().setText("insulin lispro"));
            assertThat(extract(Map.of("medications", List.of(insulin))).context().takes("insulin")).isTrue();
            assertThat(extract(Map.of("medications", List.of(stopped))).context().takes("insulin")).isFalse();
        }

        @Test
        void theLatestCompletedAssessmentIsKept() {
            Procedure early = assessment("2026-11-01T10:00:00Z", Procedure.ProcedureStatus.COMPLETED);
            Procedure late = assessment("2026-11-18T10:00:00Z", Procedure.ProcedureStatus.COMPLETED);
            Procedure planned = assessment("2026-11-20T10:00:00Z", Procedure.ProcedureStatus.PREPARATION);
            PatientData data = extract(early, late, planned);
            assertThat(data.context().lastAssessments()).containsEntry("suicide-risk-assessment",
                    java.time.Instant.parse("2026-11-18T10:00:00Z"));
        }

        @Test
        void aRecordedSymptomDatesFromTheObservationOrTheConditionsOnsetUnlessItWasDenied() {
            Observation dizzy = byPatient("x", "2026-11-17T08:00:00Z", null, null);
            dizzy.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "404640003", "Dizziness")));
            assertThat(extract(dizzy).context().lastAssessments()).containsEntry("hypotension-symptom",
                    java.time.Instant.parse("2026-11-17T08:00:00Z"));
            dizzy.setValue(new org.hl7.fhir.r4.model.BooleanType(false));
            assertThat(extract(dizzy).context().lastAssessments()).as("'dizziness: no'").doesNotContainKey("hypotension-symptom");
            dizzy.setValue(new CodeableConcept().setText("No"));
            assertThat(extract(dizzy).context().lastAssessments()).doesNotContainKey("hypotension-symptom");

            Condition condition = new Condition().setCode(new CodeableConcept().setText("Dizziness on standing"));
            condition.setOnset(new DateTimeType("2026-11-16T09:00:00Z"));
            assertThat(extract(Map.of("conditions", List.of(condition))).context().lastAssessments())
                    .containsEntry("hypotension-symptom", java.time.Instant.parse("2026-11-16T09:00:00Z"));
        }

        private Procedure assessment(String performed, Procedure.ProcedureStatus status) {
            Procedure procedure = new Procedure().setStatus(status);
            procedure.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "225337009", null)));
            procedure.setPerformed(new DateTimeType(performed));
            return procedure;
        }
    }
}

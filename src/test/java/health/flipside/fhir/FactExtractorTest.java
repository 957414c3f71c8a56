package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceRegistry;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.Medication;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.PatientData;
import health.flipside.facts.UnitConverter;

/** FHIR R4 → facts: setting, provenance tier, units, time and treatment (docs/clinical-sources.md, home blood pressure
 * and across topics; rules/README.md). */
class FactExtractorTest {
    static final String LOINC = "http://loinc.org";
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ATC = "http://www.whocc.no/atc";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String CLINIC = "Organization/demo-clinic";
    static final String MEASUREMENT_SETTING = "http://hl7.org/fhir/us/vitals/StructureDefinition/MeasurementSettingExt";

    private static final DeviceRegistry DEVICES = new DeviceRegistry(Set.of(CLINIC),
            List.of(new DeviceRegistry.Model("Omron Healthcare", "HEM-9200T", DeviceKind.UPPER_ARM_CUFF)),
            List.of(new DeviceRegistry.Model("Samsung", "Galaxy Watch", DeviceKind.CUFFLESS)));
    private static final MedicationClassifier ANTIHYPERTENSIVES = new MedicationClassifier(
            List.of("C02", "C03", "C07", "C08", "C09"), List.of("amlodipine", "lisinopril"));
    private static final UnitConverter UNITS = new UnitConverter();

    private final FactExtractor extractor = new FactExtractor(DEVICES, ANTIHYPERTENSIVES, health.flipside.facts.ClinicalVocabulary.EMPTY, UNITS);

    // ---- builders ---------------------------------------------------------------------------------------------

    /** A final BP panel (LOINC 85354-9) in mm[Hg], with no performer, device or setting yet. */
    static Observation bp(String effective, double systolic, double diastolic) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(LOINC, "85354-9", "Blood pressure panel")));
        observation.setEffective(new DateTimeType(effective));
        observation.addComponent().setCode(new CodeableConcept(new Coding(LOINC, "8480-6", "Systolic")))
                .setValue(mmHg(systolic));
        observation.addComponent().setCode(new CodeableConcept(new Coding(LOINC, "8462-4", "Diastolic")))
                .setValue(mmHg(diastolic));
        return observation;
    }

    static Quantity mmHg(double value) {
        return new Quantity().setValue(value).setSystem(UCUM).setCode("mm[Hg]").setUnit("mmHg");
    }

    static Observation home(String effective, double systolic, double diastolic) {
        Observation observation = bp(effective, systolic, diastolic);
        observation.addPerformer(new Reference("Patient/123"));
        return observation;
    }

    static Device device(String id, String manufacturer, String model) {
        Device device = new Device();
        device.setId(id);
        device.setManufacturer(manufacturer);
        device.setModelNumber(model);
        return device;
    }

    /** PHD IG regulation status: property 532354.0 is negated, "Y" = unregulated. */
    static Device withRegulationStatus(Device device, String system, String negatedFlag) {
        device.addProperty()
                .setType(new CodeableConcept(new Coding(system, "532354.0", "negated-regulation-status")))
                .addValueCode(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0136", negatedFlag, null)));
        return device;
    }

    private PatientData extract(Resource... resources) {
        return extractor.extract(new ResolvedData(Map.of("all", List.of(resources)), List.of()));
    }

    private BloodPressureReading onlyReading(Resource... resources) {
        PatientData data = extract(resources);
        assertThat(data.skippedResources()).as("skipped resources").isZero();
        assertThat(data.bloodPressure()).hasSize(1);
        return data.bloodPressure().get(0);
    }

    // ---- home or office ---------------------------------------------------------------------------------------

    @Nested
    @DisplayName("home or office")
    class Setting {
        static Stream<Arguments> observations() {
            Observation byPatient = home("2026-11-19T07:30:00-05:00", 132, 84);
            Observation byCarer = bp("2026-11-19T07:30:00-05:00", 132, 84);
            byCarer.addPerformer(new Reference("RelatedPerson/daughter"));
            Observation bySetting = bp("2026-11-19T07:30:00-05:00", 132, 84);
            bySetting.addExtension(MEASUREMENT_SETTING, new CodeableConcept(new Coding(SNOMED, "264362003", "Home")));
            Observation byPractitioner = bp("2026-11-19T07:30:00-05:00", 132, 84);
            byPractitioner.addPerformer(new Reference("Practitioner/nurse-1"));
            Observation byNobody = bp("2026-11-19T07:30:00-05:00", 132, 84);
            Observation otherSetting = bp("2026-11-19T07:30:00-05:00", 132, 84);
            otherSetting.addExtension(MEASUREMENT_SETTING, new CodeableConcept(new Coding(SNOMED, "394730007", "Clinic")));
            return Stream.of(
                    Arguments.of("performer Patient", byPatient, BloodPressureReading.Setting.HOME),
                    Arguments.of("performer RelatedPerson", byCarer, BloodPressureReading.Setting.HOME),
                    Arguments.of("MeasurementSetting = Home", bySetting, BloodPressureReading.Setting.HOME),
                    Arguments.of("performer Practitioner", byPractitioner, BloodPressureReading.Setting.OFFICE),
                    Arguments.of("no performer, device or setting", byNobody, BloodPressureReading.Setting.OFFICE),
                    Arguments.of("MeasurementSetting = another place", otherSetting, BloodPressureReading.Setting.OFFICE));
        }

        @ParameterizedTest(name = "{0} → {2}")
        @MethodSource("observations")
        @DisplayName("home by performer Patient/RelatedPerson or setting Home; otherwise office")
        void setting(String description, Observation observation, BloodPressureReading.Setting expected) {
            assertThat(onlyReading(observation).setting()).isEqualTo(expected);
        }

        @Test
        @DisplayName("a home reading that names no device is self-reported (tier D)")
        void homeWithoutDeviceIsSelfReported() {
            assertThat(onlyReading(home("2026-11-19T07:30:00-05:00", 132, 84)).device()).isEqualTo(DeviceInfo.SELF_REPORTED);
        }

        @Test
        @DisplayName("an office reading is a clinic measurement on an upper-arm cuff")
        void officeReadingProvenance() {
            Observation observation = bp("2026-11-19T10:00:00-05:00", 142, 88);
            observation.addPerformer(new Reference("Practitioner/nurse-1"));

            DeviceInfo device = onlyReading(observation).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.CLINIC_ISSUED);
            assertThat(device.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
            assertThat(device).isEqualTo(DeviceInfo.OFFICE);
        }

        @Test
        @DisplayName("BUG: a reading performed by a practitioner is an office reading even when it names a device")
        void practitionerWithDeviceIsOffice() {
            Device monitor = device("clinic-bpm", "Omron Healthcare", "HEM-9200T");
            monitor.setOwner(new Reference(CLINIC));
            Observation observation = bp("2026-11-19T10:00:00-05:00", 142, 88);
            observation.addPerformer(new Reference("Practitioner/nurse-1"));
            observation.setDevice(new Reference("Device/clinic-bpm"));

            assertThat(onlyReading(observation, monitor).setting()).isEqualTo(BloodPressureReading.Setting.OFFICE);
        }

        @Test
        @DisplayName("a reading that names a device is patient-generated, even without a performer")
        void deviceMeansHome() {
            Observation observation = bp("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/omron-1"));

            BloodPressureReading reading = onlyReading(observation, device("omron-1", "Omron Healthcare", "HEM-9200T"));

            assertThat(reading.setting()).isEqualTo(BloodPressureReading.Setting.HOME);
        }
    }

    // ---- device provenance -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("device provenance")
    class Provenance {
        @Test
        @DisplayName("a relative reference finds the Device among the resolved resources and classifies it")
        void relativeReference() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/omron-1"));

            DeviceInfo device = onlyReading(observation, device("omron-1", "OMRON_Healthcare", "HEM-9200T")).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.VALIDATED);
            assertThat(device.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
            assertThat(device.label()).isEqualTo("OMRON_Healthcare HEM-9200T");
        }

        @Test
        @DisplayName("an absolute URL reference is resolved by its type and id")
        void absoluteReference() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("https://ehr.example/fhir/Device/omron-1"));

            DeviceInfo device = onlyReading(observation, device("omron-1", "Omron Healthcare", "HEM-9200T")).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.VALIDATED);
        }

        @Test
        @DisplayName("a contained Device is resolved by its '#id' reference")
        void containedReference() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.addContained(device("cuff", "Omron Healthcare", "HEM-9200T"));
            observation.setDevice(new Reference("#cuff"));

            DeviceInfo device = onlyReading(observation).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.VALIDATED);
            assertThat(device.label()).isEqualTo("Omron Healthcare HEM-9200T");
        }

        @Test
        @DisplayName("a contained Device in a Bundle parsed from JSON, as an EHR sends it, is resolved too")
        void containedReferenceFromJson() {
            String json = """
                    {"resourceType": "Bundle", "type": "searchset", "entry": [{
                      "fullUrl": "https://ehr.example/fhir/Observation/bp-1",
                      "resource": {
                        "resourceType": "Observation", "id": "bp-1", "status": "final",
                        "contained": [{"resourceType": "Device", "id": "cuff", "manufacturer": "Omron Healthcare",
                                       "modelNumber": "HEM-9200T", "owner": {"reference": "Organization/demo-clinic"}}],
                        "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
                        "effectiveDateTime": "2026-11-19T07:30:00-05:00",
                        "performer": [{"reference": "Patient/123"}],
                        "device": {"reference": "#cuff"},
                        "component": [
                          {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                           "valueQuantity": {"value": 132, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
                          {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
                           "valueQuantity": {"value": 84, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]
                      }}]}""";
            Bundle bundle = FhirR4.context().newJsonParser().parseResource(Bundle.class, json);
            Resource observation = bundle.getEntryFirstRep().getResource();

            DeviceInfo device = onlyReading(observation).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.CLINIC_ISSUED);
            assertThat(device.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        }

        @Test
        @DisplayName("a reading whose device cannot be had is kept at the lowest tier and counted, never dropped")
        void brokenReference() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/not-sent"));
            Observation contained = home("2026-11-19T07:35:00-05:00", 130, 82);
            contained.setDevice(new Reference("#missing"));

            PatientData data = extract(observation, contained, device("omron-1", "Omron Healthcare", "HEM-9200T"));

            assertThat(data.bloodPressure()).hasSize(2).allSatisfy(r -> {
                assertThat(r.isHome()).isTrue();
                assertThat(r.device()).isEqualTo(DeviceInfo.UNRESOLVED);
                assertThat(r.device().qualifiesForBloodPressure()).isFalse();
            });
            assertThat(data.unresolvedDevices()).isEqualTo(2);
            assertThat(data.skippedResources()).isZero();
        }

        @Test
        @DisplayName("BUG: a version-specific device reference is resolved to its Device")
        void versionSpecificReference() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/omron-1/_history/2"));

            DeviceInfo device = onlyReading(observation, device("omron-1", "Omron Healthcare", "HEM-9200T")).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.VALIDATED);
        }

        @Test
        @DisplayName("Device.owner given as an absolute URL still marks a clinic-issued device (tier A)")
        void absoluteOwner() {
            Device cuff = device("cuff-9", "Acme", "BP-1");
            cuff.setOwner(new Reference("https://ehr.example/fhir/" + CLINIC));
            cuff.addSpecialization().setSystemType(new CodeableConcept(new Coding(MDC, "528391", "MDC_DEV_SPEC_PROFILE_BPM")));
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/cuff-9"));

            DeviceInfo device = onlyReading(observation, cuff).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.CLINIC_ISSUED);
            assertThat(device.kind()).as("PHD BP-monitor specialization").isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        }

        @Test
        @DisplayName("the model is read from deviceName when modelNumber is absent")
        void deviceNameAsModel() {
            Device watch = new Device();
            watch.setId("watch-1");
            watch.setManufacturer("Samsung");
            watch.addDeviceName().setName("Galaxy Watch").setType(Device.DeviceNameType.MODELNAME);
            Observation observation = home("2026-11-19T07:30:00-05:00", 125, 80);
            observation.setDevice(new Reference("Device/watch-1"));

            DeviceInfo device = onlyReading(observation, watch).device();

            assertThat(device.tier()).isEqualTo(DeviceTier.CONSUMER);
            assertThat(device.kind()).isEqualTo(DeviceKind.CUFFLESS);
        }

        @Test
        @DisplayName("a listed model whose PHD regulation status says 'unregulated' (Y) is tier C")
        void unregulatedDevice() {
            Device cuff = withRegulationStatus(device("omron-1", "Omron Healthcare", "HEM-9200T"),
                    "http://terminology.hl7.org/CodeSystem/ASN1ToHL7", "Y");
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/omron-1"));

            assertThat(onlyReading(observation, cuff).device().tier()).isEqualTo(DeviceTier.CONSUMER);
        }

        @Test
        @DisplayName("a listed model whose PHD regulation status says 'regulated' (N) stays tier B")
        void regulatedDevice() {
            Device cuff = withRegulationStatus(device("omron-1", "Omron Healthcare", "HEM-9200T"),
                    "http://terminology.hl7.org/CodeSystem/ASN1ToHL7", "N");
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/omron-1"));

            assertThat(onlyReading(observation, cuff).device().tier()).isEqualTo(DeviceTier.VALIDATED);
        }

        @Test
        @DisplayName("BUG: 'unregulated' is also read under the PHD IG's own ASN1ToHL7 code system URL")
        void unregulatedDeviceWithPhdIgCodeSystem() {
            Device cuff = withRegulationStatus(device("omron-1", "Omron Healthcare", "HEM-9200T"),
                    "http://hl7.org/fhir/uv/phd/CodeSystem/ASN1ToHL7", "Y");
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setDevice(new Reference("Device/omron-1"));

            assertThat(onlyReading(observation, cuff).device().tier()).isEqualTo(DeviceTier.CONSUMER);
        }
    }

    // ---- values, units, status and time ---------------------------------------------------------------------------

    @Nested
    @DisplayName("values, units, status and time")
    class Values {
        @Test
        @DisplayName("kPa values are converted to mm[Hg] by UCUM")
        void kilopascalConverted() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 0, 0);
            observation.getComponent().get(0).setValue(new Quantity().setValue(17.6).setSystem(UCUM).setCode("kPa"));
            observation.getComponent().get(1).setValue(new Quantity().setValue(11.2).setSystem(UCUM).setCode("kPa"));

            BloodPressureReading reading = onlyReading(observation);

            assertThat(reading.systolic()).isCloseTo(132.0, within(0.1));
            assertThat(reading.diastolic()).isCloseTo(84.0, within(0.1));
        }

        @Test
        @DisplayName("a unit UCUM does not know ('mmHg' given only as display text) skips the reading and counts it")
        void unknownUnitSkipped() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 0, 0);
            observation.getComponent().get(0).setValue(new Quantity().setValue(132).setUnit("mmHg"));
            observation.getComponent().get(1).setValue(new Quantity().setValue(84).setUnit("mmHg"));

            PatientData data = extract(observation);

            assertThat(data.bloodPressure()).isEmpty();
            assertThat(data.skippedResources()).isEqualTo(1);
        }

        @Test
        @DisplayName("a missing component or value skips the reading and counts it")
        void missingComponentSkipped() {
            Observation noDiastolic = home("2026-11-19T07:30:00-05:00", 132, 84);
            noDiastolic.getComponent().remove(1);
            Observation noValue = home("2026-11-19T07:35:00-05:00", 132, 84);
            noValue.getComponent().get(0).setValue(null);
            Observation noTime = home("2026-11-19T07:40:00-05:00", 132, 84);
            noTime.setEffective(null);

            PatientData data = extract(noDiastolic, noValue, noTime);

            assertThat(data.bloodPressure()).isEmpty();
            assertThat(data.skippedResources()).isEqualTo(3);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Observation.ObservationStatus.class, names = {"ENTEREDINERROR", "PRELIMINARY", "REGISTERED", "CANCELLED"})
        @DisplayName("readings not final, amended or corrected are ignored, and not counted as skipped")
        void unusableStatusIgnored(Observation.ObservationStatus status) {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setStatus(status);

            PatientData data = extract(observation);

            assertThat(data.bloodPressure()).isEmpty();
            assertThat(data.skippedResources()).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Observation.ObservationStatus.class, names = {"FINAL", "AMENDED", "CORRECTED"})
        @DisplayName("final, amended and corrected readings are used")
        void usableStatus(Observation.ObservationStatus status) {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setStatus(status);

            assertThat(onlyReading(observation).systolic()).isEqualTo(132.0);
        }

        @Test
        @DisplayName("observations that are not BP panels are ignored, not skipped")
        void otherObservationsIgnored() {
            Observation heartRate = new Observation();
            heartRate.setStatus(Observation.ObservationStatus.FINAL);
            heartRate.setCode(new CodeableConcept(new Coding(LOINC, "8867-4", "Heart rate")));
            heartRate.setEffective(new DateTimeType("2026-11-19T07:30:00-05:00"));
            heartRate.setValue(new Quantity().setValue(72).setSystem(UCUM).setCode("/min"));

            PatientData data = extract(heartRate);

            assertThat(data.bloodPressure()).isEmpty();
            assertThat(data.skippedResources()).isZero();
        }

        @Test
        @DisplayName("PHD-style MDC codes for the panel and components are read like LOINC")
        void mdcCodes() {
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.setCode(new CodeableConcept(new Coding(MDC, "150020", "MDC_PRESS_BLD_NONINV")));
            observation.setEffective(new DateTimeType("2026-11-19T07:30:00-05:00"));
            observation.addPerformer(new Reference("Patient/123"));
            observation.addComponent().setCode(new CodeableConcept(new Coding(MDC, "150021", "MDC_PRESS_BLD_NONINV_SYS")))
                    .setValue(mmHg(138));
            observation.addComponent().setCode(new CodeableConcept(new Coding(MDC, "150022", "MDC_PRESS_BLD_NONINV_DIA")))
                    .setValue(mmHg(86));

            BloodPressureReading reading = onlyReading(observation);

            assertThat(reading.systolic()).isEqualTo(138.0);
            assertThat(reading.diastolic()).isEqualTo(86.0);
        }

        @Test
        @DisplayName("local time is the wall-clock time of the effectiveDateTime offset; the instant is exact")
        void localTimeFromOffset() {
            BloodPressureReading western = onlyReading(home("2026-11-19T07:30:00-05:00", 132, 84));
            BloodPressureReading eastern = onlyReading(home("2026-11-19T21:15:00+09:00", 132, 84));

            assertThat(western.takenAt()).isEqualTo(Instant.parse("2026-11-19T12:30:00Z"));
            assertThat(western.localTime()).isEqualTo(LocalDateTime.parse("2026-11-19T07:30"));
            assertThat(eastern.takenAt()).isEqualTo(Instant.parse("2026-11-19T12:15:00Z"));
            assertThat(eastern.localTime()).isEqualTo(LocalDateTime.parse("2026-11-19T21:15"));
        }

        @Test
        @DisplayName("effectivePeriod.start is used when there is no effectiveDateTime")
        void effectivePeriod() {
            Observation observation = home("2026-11-19T07:30:00-05:00", 132, 84);
            observation.setEffective(new Period().setStartElement(new DateTimeType("2026-11-18T20:45:00-05:00"))
                    .setEndElement(new DateTimeType("2026-11-18T20:47:00-05:00")));

            assertThat(onlyReading(observation).localTime()).isEqualTo(LocalDateTime.parse("2026-11-18T20:45"));
        }
    }

    // ---- treatment -------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("antihypertensive treatment")
    class Treatment {
        static MedicationRequest order(MedicationRequest.MedicationRequestStatus status, String text, Coding... codings) {
            CodeableConcept concept = new CodeableConcept();
            concept.setText(text);
            for (Coding coding : codings) {
                concept.addCoding(coding);
            }
            MedicationRequest request = new MedicationRequest();
            request.setStatus(status);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.setMedication(concept);
            return request;
        }

        @Test
        @DisplayName("active orders are classified by ATC class or ingredient; names come from text, else display")
        void activeOrdersClassified() {
            MedicationRequest byAtc = order(MedicationRequest.MedicationRequestStatus.ACTIVE, "Norvasc 5 mg",
                    new Coding(ATC, "C08CA01", "amlodipine"));
            MedicationRequest byIngredient = order(MedicationRequest.MedicationRequestStatus.ACTIVE, null,
                    new Coding(RXNORM, "314076", "lisinopril 10 MG Oral Tablet"));
            MedicationRequest other = order(MedicationRequest.MedicationRequestStatus.ACTIVE, "metformin 500 MG Oral Tablet",
                    new Coding(RXNORM, "860975", null));

            List<Medication> medications = extract(byAtc, byIngredient, other).medications();

            assertThat(medications).containsExactly(
                    new Medication("Norvasc 5 mg", true, false, List.of("amlodipine")),
                    new Medication("lisinopril 10 MG Oral Tablet", true, false, List.of("lisinopril")),
                    new Medication("metformin 500 MG Oral Tablet", false));
        }

        @Test
        @DisplayName("BUG: an active order naming its drug through medicationReference counts as treatment")
        void medicationReferenceCounts() {
            org.hl7.fhir.r4.model.Medication lisinopril = new org.hl7.fhir.r4.model.Medication();
            lisinopril.setId("med-1");
            lisinopril.setCode(new CodeableConcept(new Coding(ATC, "C09AA03", "lisinopril")).setText("lisinopril 10 MG Oral Tablet"));
            MedicationRequest request = new MedicationRequest();
            request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.addContained(lisinopril);
            request.setMedication(new Reference("#med-1"));

            List<Medication> medications = extract(request).medications();

            assertThat(medications).singleElement().extracting(Medication::antihypertensive).isEqualTo(true);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = MedicationRequest.MedicationRequestStatus.class, names = {"STOPPED", "COMPLETED", "ONHOLD", "DRAFT", "ENTEREDINERROR"})
        @DisplayName("orders that are not active do not count as treatment")
        void inactiveOrdersIgnored(MedicationRequest.MedicationRequestStatus status) {
            PatientData data = extract(order(status, "lisinopril 10 MG Oral Tablet"));

            assertThat(data.medications()).isEmpty();
        }
    }

    @Test
    @DisplayName("data that could not be fetched is passed on as unavailable")
    void unavailablePassedOn() {
        PatientData data = extractor.extract(new ResolvedData(Map.of(), List.of("medications")));

        assertThat(data.unavailable()).containsExactly("medications");
        assertThat(data.bloodPressure()).isEmpty();
        assertThat(data.medications()).isEmpty();
    }
}

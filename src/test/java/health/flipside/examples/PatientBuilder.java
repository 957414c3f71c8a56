package health.flipside.examples;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Builds one synthetic patient's FHIR data the way EHRs and personal health devices shape it (CardX SMBP, HL7 PHD
 * IG examples): home BP panels with LOINC + MDC codes, a device, office readings with an encounter, medications.
 * All data is invented; names are obviously fictional.
 */
final class PatientBuilder {
    static final String LOINC = "http://loinc.org";
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CLINIC = "Organization/flipside-demo-clinic";
    static final ZoneOffset PATIENT_ZONE = ZoneOffset.ofHours(-5);

    private final String patientId;
    private final Patient patient;
    private final List<Observation> vitals = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();
    /** PHD devices the EHR returns only with _include=Observation:device (they carry no patient element). */
    private final List<Device> includedDevices = new ArrayList<>();
    /** PHD devices in the EHR's FHIR server that no prefetch brings: Flipside must read them by id. */
    private final List<Device> serverOnlyDevices = new ArrayList<>();
    private final List<MedicationRequest> medications = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Observation> laboratory = new ArrayList<>();
    private final List<Observation> activity = new ArrayList<>();
    private final List<Observation> surveys = new ArrayList<>();
    private final List<QuestionnaireResponse> questionnaireResponses = new ArrayList<>();
    private final List<Procedure> procedures = new ArrayList<>();
    private final List<Resource> episodesOfCare = new ArrayList<>();
    private final List<Observation> socialHistory = new ArrayList<>();
    private final List<Resource> ecgReports = new ArrayList<>();
    private int sequence;

    PatientBuilder(String patientId, String family, String given, Enumerations.AdministrativeGender gender, int birthYear) {
        this.patientId = patientId;
        patient = new Patient();
        patient.setId(patientId);
        patient.addName(new HumanName().setFamily(family).addGiven(given));
        patient.setGender(gender);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthYear + "-03-14"));
    }

    String patientId() {
        return patientId;
    }

    /** A PHD-style device; {@code owner} null for a patient-bought one. */
    String device(String id, String manufacturer, String model, String owner, Boolean unregulated) {
        Device device = new Device();
        device.setId(id);
        device.setManufacturer(manufacturer);
        device.setModelNumber(model);
        device.setSerialNumber("SN-" + id.toUpperCase());
        device.setPatient(new Reference("Patient/" + patientId));
        device.setType(new CodeableConcept(new Coding(MDC, "65573", "MDC_MOC_VMS_MDS_SIMP")));
        if (owner != null) {
            device.setOwner(new Reference(owner));
        }
        if (unregulated != null) {
            device.addProperty()
                    .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/ASN1ToHL7", "532354.0", "negated-regulation-status")))
                    .addValueCode(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0136", unregulated ? "Y" : "N", null)));
        }
        devices.add(device);
        return "Device/" + id;
    }

    /** How an EHR hands over a PHD device that has no patient element. */
    enum Delivery {
        /** with the readings, as an _include=Observation:device entry of the vital-signs search */
        INCLUDED,
        /** not in any prefetch: only a read by id on the FHIR server finds it */
        SERVER_ONLY
    }

    /**
     * A device shaped like the HL7 PHD IG's PhdDevice: type MDC 65573, a specialization, the negated regulation
     * status when {@code unregulated} is not null, and no {@code patient} element, so Device?patient=… misses it.
     */
    String phdDevice(String id, String manufacturer, String model, String specialization, String specializationText,
                     Boolean unregulated, Delivery delivery) {
        Device device = new Device();
        device.setId(id);
        device.setManufacturer(manufacturer);
        device.setModelNumber(model);
        device.setSerialNumber("SN-" + id.toUpperCase());
        device.setType(new CodeableConcept(new Coding(MDC, "65573", "MDC_MOC_VMS_MDS_SIMP")).setText("Simple PHD"));
        if (specialization != null) {
            device.addSpecialization().setSystemType(new CodeableConcept(new Coding(MDC, specialization, null)).setText(specializationText));
        }
        if (unregulated != null) {
            device.addProperty()
                    .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/ASN1ToHL7", "532354.0", "negated-regulation-status")))
                    .addValueCode(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0136", unregulated ? "Y" : "N", null)));
        }
        (delivery == Delivery.INCLUDED ? includedDevices : serverOnlyDevices).add(device);
        return "Device/" + id;
    }

    /** A device resource added as it is (for odd or broken device records); {@code included} as for PHD devices. */
    String rawDevice(Device device, Delivery delivery) {
        (delivery == Delivery.INCLUDED ? includedDevices : serverOnlyDevices).add(device);
        return "Device/" + device.getIdElement().getIdPart();
    }

    /** A home reading taken by the patient; {@code device} null means typed in by hand. */
    PatientBuilder home(OffsetDateTime at, double systolic, double diastolic, String unit, String device) {
        Observation observation = bloodPressure(at, systolic, diastolic, unit);
        observation.addPerformer(new Reference("Patient/" + patientId));
        if (device != null) {
            observation.setDevice(new Reference(device));
        }
        vitals.add(observation);
        return this;
    }

    PatientBuilder office(OffsetDateTime at, double systolic, double diastolic) {
        Observation observation = bloodPressure(at, systolic, diastolic, "mm[Hg]");
        observation.addPerformer(new Reference("Practitioner/flipside-demo-nurse"));
        observation.setEncounter(new Reference("Encounter/" + patientId + "-visit-" + at.toLocalDate()));
        observation.getCode().getCoding().removeIf(c -> MDC.equals(c.getSystem()));
        vitals.add(observation);
        return this;
    }

    /**
     * A patient-generated Observation in the prefetch key of its category ("vital-signs", "laboratory",
     * "activity", "survey"), performed by the patient, from {@code device} (null: typed in by hand). The value is a
     * Quantity in UCUM {@code unit}, or none when {@code value} is null (events, panels): returned for further shaping.
     */
    Observation observation(String category, OffsetDateTime at, Coding code, Double value, String unit, String device) {
        Observation observation = new Observation();
        observation.setId(patientId + "-obs-" + (++sequence));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", category, null)));
        observation.setCode(new CodeableConcept(code).setText(code.getDisplay()));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.addPerformer(new Reference("Patient/" + patientId));
        observation.setEffective(new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(at.getOffset())));
        observation.setIssued(Date.from(at.toInstant().plusSeconds(300)));
        if (value != null) {
            observation.setValue(new Quantity().setValue(BigDecimal.valueOf(value)).setUnit(unit).setSystem(UCUM).setCode(unit));
        }
        if (device != null) {
            observation.setDevice(new Reference(device));
        }
        switch (category) {
            case "vital-signs" -> vitals.add(observation);
            case "laboratory" -> laboratory.add(observation);
            case "activity" -> activity.add(observation);
            case "survey" -> surveys.add(observation);
            default -> throw new IllegalArgumentException("No prefetch key for category " + category);
        }
        return observation;
    }

    PatientBuilder questionnaireResponse(QuestionnaireResponse response) {
        response.setSubject(new Reference("Patient/" + patientId));
        questionnaireResponses.add(response);
        return this;
    }

    PatientBuilder procedure(Procedure procedure) {
        procedure.setSubject(new Reference("Patient/" + patientId));
        procedures.add(procedure);
        return this;
    }

    /** A birth date to the day (the constructor's is 14 March of the birth year); null removes it. */
    PatientBuilder birthDate(java.time.LocalDate date) {
        patient.setBirthDateElement(date == null ? null : new org.hl7.fhir.r4.model.DateType(date.toString()));
        return this;
    }

    /** An active EpisodeOfCare of this type (SNOMED), managed by the demo clinic. */
    PatientBuilder episodeOfCare(String snomed, String display, OffsetDateTime start) {
        org.hl7.fhir.r4.model.EpisodeOfCare episode = new org.hl7.fhir.r4.model.EpisodeOfCare();
        episode.setId(patientId + "-episode-" + (++sequence));
        episode.setStatus(org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
        episode.addType(new CodeableConcept(new Coding("http://snomed.info/sct", snomed, display)).setText(display));
        episode.setPatient(new Reference("Patient/" + patientId));
        episode.setManagingOrganization(new Reference(CLINIC));
        episode.getPeriod().setStart(Date.from(start.toInstant()));
        episodesOfCare.add(episode);
        return this;
    }

    /** A social-history Observation (US Core pregnancy status, delivery date), returned for further shaping. */
    Observation socialHistory(OffsetDateTime at, Coding code) {
        Observation observation = new Observation();
        observation.setId(patientId + "-sh-" + (++sequence));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "social-history", null)));
        observation.setCode(new CodeableConcept(code).setText(code.getDisplay()));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setEffective(new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(at.getOffset())));
        socialHistory.add(observation);
        return observation;
    }

    /** A final ECG DiagnosticReport (LOINC 11524-6, category Cardiology) with a coded conclusion, or none. */
    PatientBuilder ecgReport(OffsetDateTime at, Coding conclusion) {
        org.hl7.fhir.r4.model.DiagnosticReport report = new org.hl7.fhir.r4.model.DiagnosticReport();
        report.setId(patientId + "-ecg-" + (++sequence));
        report.setStatus(org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(new CodeableConcept(new Coding(LOINC, "LP29708-2", "Cardiology")));
        report.setCode(new CodeableConcept(new Coding(LOINC, "11524-6", "EKG study")).setText("12-lead ECG"));
        report.setSubject(new Reference("Patient/" + patientId));
        report.setEffective(new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(at.getOffset())));
        report.setIssued(Date.from(at.toInstant().plusSeconds(3600)));
        if (conclusion != null) {
            report.addConclusionCode(new CodeableConcept(conclusion).setText(conclusion.getDisplay()));
        }
        ecgReports.add(report);
        return this;
    }

    PatientBuilder medication(String rxnorm, String display) {
        MedicationRequest request = new MedicationRequest();
        request.setId(patientId + "-med-" + (++sequence));
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patientId));
        request.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", rxnorm, display)).setText(display));
        medications.add(request);
        return this;
    }

    PatientBuilder condition(String snomed, String display) {
        return condition("http://snomed.info/sct", snomed, display);
    }

    /** An active SNOMED-coded Condition with an onset date (when it was diagnosed). */
    PatientBuilder conditionSince(String snomed, String display, OffsetDateTime onset) {
        condition(snomed, display);
        conditions.get(conditions.size() - 1).setOnset(new DateTimeType(Date.from(onset.toInstant())));
        return this;
    }

    PatientBuilder condition(String system, String code, String display) {
        Condition condition = new Condition();
        condition.setId(patientId + "-condition-" + (++sequence));
        condition.setSubject(new Reference("Patient/" + patientId));
        condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        condition.setCode(new CodeableConcept(new Coding(system, code, display)).setText(display));
        conditions.add(condition);
        return this;
    }

    /** A second copy of every home reading, as a second aggregator would deliver it (new id, same content). */
    PatientBuilder duplicateHomeReadingsViaAggregator() {
        List<Observation> copies = vitals.stream().filter(o -> o.hasDevice()).map(o -> {
            Observation copy = o.copy();
            copy.setId(o.getIdElement().getIdPart() + "-agg");
            return copy;
        }).toList();
        vitals.addAll(copies);
        return this;
    }

    Patient patient() {
        return patient;
    }

    Bundle vitalSigns() {
        return withIncludedDevices(vitals);
    }

    /** A search's matches plus, as _include=Observation:device entries, the included devices they reference. */
    private Bundle withIncludedDevices(List<Observation> observations) {
        Bundle bundle = searchset(observations);
        includedDevices.stream()
                .filter(d -> observations.stream().anyMatch(o -> o.hasDevice()
                        && o.getDevice().getReference().equals("Device/" + d.getIdElement().getIdPart())))
                .forEach(d -> bundle.addEntry()
                        .setFullUrl("https://ehr.example.org/fhir/Device/" + d.getIdElement().getIdPart())
                        .setResource(d)
                        .getSearch().setMode(Bundle.SearchEntryMode.INCLUDE));
        return bundle;
    }

    Bundle devices() {
        return searchset(devices);
    }

    Bundle medications() {
        return searchset(medications);
    }

    Bundle conditions() {
        return searchset(conditions);
    }

    Bundle laboratory() {
        return withIncludedDevices(laboratory);
    }

    Bundle activity() {
        return withIncludedDevices(activity);
    }

    Bundle surveys() {
        return searchset(surveys);
    }

    Bundle questionnaireResponses() {
        return searchset(questionnaireResponses);
    }

    Bundle procedures() {
        return searchset(procedures);
    }

    Bundle episodesOfCare() {
        return searchset(episodesOfCare);
    }

    Bundle socialHistory() {
        return searchset(socialHistory);
    }

    Bundle ecgReports() {
        return searchset(ecgReports);
    }

    /**
     * Everything, in an order a FHIR server accepts: HAPI checks references, so the clinic, the nurse and the
     * visits (which an EHR has anyway) come before what points at them.
     */
    List<Resource> allResources() {
        List<Resource> all = new ArrayList<>();
        org.hl7.fhir.r4.model.Organization clinic = new org.hl7.fhir.r4.model.Organization();
        clinic.setId(CLINIC.substring("Organization/".length()));
        clinic.setName("Flipside Demo Clinic");
        all.add(clinic);
        org.hl7.fhir.r4.model.Practitioner nurse = new org.hl7.fhir.r4.model.Practitioner();
        nurse.setId("flipside-demo-nurse");
        nurse.addName(new HumanName().setFamily("Nurse").addGiven("Demo"));
        all.add(nurse);
        all.add(patient);
        vitals.stream().filter(Observation::hasEncounter).map(o -> o.getEncounter().getReference()).distinct().forEach(ref -> {
            org.hl7.fhir.r4.model.Encounter visit = new org.hl7.fhir.r4.model.Encounter();
            visit.setId(ref.substring("Encounter/".length()));
            visit.setStatus(org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED);
            visit.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
            visit.setSubject(new Reference("Patient/" + patientId));
            all.add(visit);
        });
        all.addAll(devices);
        all.addAll(includedDevices);
        all.addAll(serverOnlyDevices);
        all.addAll(vitals);
        all.addAll(medications);
        all.addAll(conditions);
        all.addAll(laboratory);
        all.addAll(activity);
        all.addAll(questionnaireResponses);
        all.addAll(surveys);
        all.addAll(procedures);
        all.addAll(episodesOfCare);
        all.addAll(socialHistory);
        all.addAll(ecgReports);
        return all;
    }

    private Observation bloodPressure(OffsetDateTime at, double systolic, double diastolic, String unit) {
        Observation observation = new Observation();
        observation.setId(patientId + "-bp-" + (++sequence));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        observation.setCode(new CodeableConcept()
                .addCoding(new Coding(LOINC, "85354-9", "Blood pressure panel with all children optional"))
                .addCoding(new Coding(MDC, "150020", "MDC_PRESS_BLD_NONINV"))
                .setText("Blood pressure"));
        observation.setSubject(new Reference("Patient/" + patientId));
        DateTimeType effective = new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(at.getOffset()));
        observation.setEffective(effective);
        observation.setIssued(Date.from(at.toInstant().plusSeconds(90)));
        observation.addComponent(component("8480-6", "150021", "Systolic blood pressure", systolic, unit));
        observation.addComponent(component("8462-4", "150022", "Diastolic blood pressure", diastolic, unit));
        return observation;
    }

    private static Observation.ObservationComponentComponent component(String loinc, String mdc, String display, double value, String unit) {
        Observation.ObservationComponentComponent component = new Observation.ObservationComponentComponent();
        component.setCode(new CodeableConcept().addCoding(new Coding(LOINC, loinc, display)).addCoding(new Coding(MDC, mdc, null)).setText(display));
        component.setValue(new Quantity().setValue(BigDecimal.valueOf(value)).setUnit(unit).setSystem(UCUM).setCode(unit));
        return component;
    }

    private static Bundle searchset(List<? extends Resource> resources) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(resources.size());
        resources.forEach(r -> bundle.addEntry()
                .setFullUrl("https://ehr.example.org/fhir/" + r.fhirType() + "/" + r.getIdElement().getIdPart())
                .setResource(r)
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return bundle;
    }

    /**
     * The clock time {@code hour:minute}, {@code days} days before {@code now}. The files are written for 07:00 in the
     * patients' zone ({@link ExamplePatients#ANCHOR}), when this morning's readings are already taken; built for a
     * call in the small hours (the acceptance tests run at any hour), such a reading of today is taken a minute
     * before {@code now} rather than in the future. Times after 07:00 today stay as they are, to come, as in the files.
     */
    static OffsetDateTime daysBefore(Instant now, int days, int hour, int minute) {
        OffsetDateTime at = now.atOffset(PATIENT_ZONE).minusDays(days).withHour(hour).withMinute(minute).withSecond(0).withNano(0);
        OffsetDateTime latest = now.atOffset(PATIENT_ZONE).minusMinutes(1).withSecond(0).withNano(0);
        boolean takenByTheAnchorHour = !at.toLocalTime().isAfter(ExamplePatients.ANCHOR.atOffset(PATIENT_ZONE).toLocalTime());
        return days == 0 && takenByTheAnchorHour && at.isAfter(now.atOffset(PATIENT_ZONE)) ? latest : at;
    }
}

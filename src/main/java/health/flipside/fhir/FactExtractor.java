package health.flipside.fhir;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import health.flipside.facts.BloodPressureReading;
import health.flipside.facts.ClinicalContext;
import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.DeviceInfo;
import health.flipside.facts.DeviceKind;
import health.flipside.facts.DeviceRegistry;
import health.flipside.facts.DeviceTier;
import health.flipside.facts.Medication;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.PatientData;
import health.flipside.facts.UnitConverter;

/**
 * FHIR R4 resources → Flipside facts. The only place that knows FHIR codes and shapes; nothing past it sees a HAPI
 * type. A resource it cannot read (no time, no value, unknown unit) is skipped and counted, never fatal. A reading
 * whose device cannot be had is kept at the lowest tier and counted: dropping it would silence the patient's data.
 */
public final class FactExtractor {
    static final String LOINC = "http://loinc.org";
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String SNOMED = "http://snomed.info/sct";
    /** BP panels: LOINC 85354-9 (CardX, PHD), 55284-4 (US vitals IG); MDC 150020 non-invasive BP (PHD IG). */
    public static final Set<String> BP_PANEL = Set.of(LOINC + "|85354-9", LOINC + "|55284-4", MDC + "|150020");
    static final Set<String> SYSTOLIC = Set.of(LOINC + "|8480-6", MDC + "|150021");
    static final Set<String> DIASTOLIC = Set.of(LOINC + "|8462-4", MDC + "|150022");
    /** US vitals IG MeasurementSettingExt; SNOMED 264362003 = Home. */
    static final String MEASUREMENT_SETTING = "http://hl7.org/fhir/us/vitals/StructureDefinition/MeasurementSettingExt";
    static final String HOME_SETTING = SNOMED + "|264362003";
    static final String OFFICE_LABEL = "clinic measurement";
    private static final String CODES_KEY = "flipside.codes";
    private static final Set<String> PATIENT_PERFORMERS = Set.of("Patient", "RelatedPerson");
    private static final Set<String> STAFF_PERFORMERS = Set.of("Practitioner", "PractitionerRole", "Organization", "CareTeam");
    static final String MM_HG = "mm[Hg]";
    /** The prefetch key whose presence means the medication list is known (absent: treated status unknown). */
    public static final String MEDICATIONS_KEY = "medications";
    /** The prefetch key whose presence means the problem list is known ("no AF on the problem list" needs it). */
    public static final String CONDITIONS_KEY = "conditions";

    private final DeviceRegistry devices;
    private final MedicationClassifier antihypertensives;
    private final UnitConverter units;
    private final MeasurementReader measurements;
    private final ContextReader context;
    private final PatientRecordReader patientRecord;

    public FactExtractor(DeviceRegistry devices, MedicationClassifier antihypertensives, ClinicalVocabulary vocabulary,
                         UnitConverter units) {
        this.devices = devices;
        this.antihypertensives = antihypertensives;
        this.units = units;
        this.measurements = new MeasurementReader(units);
        this.context = new ContextReader(vocabulary);
        this.patientRecord = new PatientRecordReader(vocabulary);
    }

    /** Every Observation code Flipside reads: blood pressure, the other streams, PROM scores. */
    public static Set<String> observationCodes() {
        Set<String> all = new HashSet<>(BP_PANEL);
        all.addAll(ObservationCodes.all());
        all.addAll(PromReader.codes());
        return Set.copyOf(all);
    }

    public PatientData extract(ResolvedData data) {
        List<Resource> resources = data.all();
        RecordDevices recordDevices = new RecordDevices(ofType(resources, Device.class), devices);

        int skipped = 0;
        List<BloodPressureReading> readings = new ArrayList<>();
        for (Observation observation : ofType(resources, Observation.class)) {
            if (!isBloodPressure(observation) || !isUsableStatus(observation)) {
                continue;
            }
            Optional<BloodPressureReading> reading = bloodPressure(observation, recordDevices);
            if (reading.isPresent()) {
                readings.add(reading.get());
            } else {
                skipped++;
            }
        }
        MeasurementReader.Read streams = measurements.read(ofType(resources, Observation.class).stream()
                .filter(FactExtractor::isUsableStatus).toList(), recordDevices);
        PromReader.Read proms = new PromReader().read(resources.stream()
                .filter(r -> !(r instanceof Observation o) || isUsableStatus(o)).toList());
        Map<String, org.hl7.fhir.r4.model.Medication> medicationById = new HashMap<>();
        ofType(resources, org.hl7.fhir.r4.model.Medication.class)
                .forEach(m -> medicationById.put("Medication/" + m.getIdElement().getIdPart(), m));
        List<CodeableConcept> activeDrugs = ofType(resources, MedicationRequest.class).stream()
                .filter(m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE)
                .map(m -> concept(m, medicationById))
                .toList();
        List<Medication> medications = activeDrugs.stream().map(this::medication).toList();
        boolean medicationsKnown = data.byKey().containsKey(MEDICATIONS_KEY);
        ClinicalContext chart = context.read(resources, data.byKey().containsKey(CONDITIONS_KEY), activeDrugs, medicationsKnown);
        return new PatientData(readings, streams.measurements(), proms.scores(), chart, medications, medicationsKnown,
                skipped + streams.skipped() + proms.skipped(), data.unavailable(), recordDevices.unresolved(),
                patientRecord.read(resources), null);
    }

    /**
     * The drug of an order: inline, or through medicationReference to a contained or fetched Medication; a
     * reference that resolves to nothing still carries its display text, which the classifier can read.
     */
    private static CodeableConcept concept(MedicationRequest request, Map<String, org.hl7.fhir.r4.model.Medication> byId) {
        if (request.hasMedicationCodeableConcept()) {
            return request.getMedicationCodeableConcept();
        }
        Reference reference = request.getMedicationReference();
        String ref = reference.getReference();
        org.hl7.fhir.r4.model.Medication medication = null;
        if (reference.getResource() instanceof org.hl7.fhir.r4.model.Medication resolved) {
            medication = resolved;
        } else if (ref != null && ref.startsWith("#")) {
            medication = request.getContained().stream().filter(org.hl7.fhir.r4.model.Medication.class::isInstance)
                    .map(org.hl7.fhir.r4.model.Medication.class::cast)
                    .filter(m -> ref.substring(1).equals(m.getIdElement().getIdPart())).findFirst().orElse(null);
        } else if (ref != null) {
            medication = byId.get("Medication/" + new IdType(ref).getIdPart());
        }
        if (medication != null && medication.hasCode()) {
            return medication.getCode();
        }
        return new CodeableConcept().setText(reference.getDisplay());
    }

    private Optional<BloodPressureReading> bloodPressure(Observation observation, RecordDevices recordDevices) {
        Optional<DateTimeType> effective = effective(observation);
        Optional<Double> systolic = component(observation, SYSTOLIC);
        Optional<Double> diastolic = component(observation, DIASTOLIC);
        if (effective.isEmpty() || systolic.isEmpty() || diastolic.isEmpty()) {
            return Optional.empty();
        }
        boolean home = isHome(observation);
        DeviceInfo device;
        if (!home) {
            device = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.UPPER_ARM_CUFF, OFFICE_LABEL);
        } else if (!observation.hasDevice()) {
            device = DeviceInfo.SELF_REPORTED;
        } else {
            device = recordDevices.deviceOf(observation);
        }
        DateTimeType time = effective.get();
        return Optional.of(new BloodPressureReading(time.getValue().toInstant(), localTime(time), systolic.get(),
                diastolic.get(), home ? BloodPressureReading.Setting.HOME : BloodPressureReading.Setting.OFFICE, device,
                observation.hasIssued() ? observation.getIssued().toInstant() : null));
    }

    /**
     * Patient-generated when the setting says home, or the patient (or a carer) performed it (US vitals IG
     * MeasurementSetting = Home; CardX SMBP: performer = Patient). Clinic staff as performer make it an office
     * reading even from a connected device; with no performer, a device reading is taken as home.
     */
    static boolean isHome(Observation observation) {
        boolean bySetting = observation.getExtensionsByUrl(MEASUREMENT_SETTING).stream()
                .map(Extension::getValue)
                .filter(CodeableConcept.class::isInstance)
                .anyMatch(v -> codes((CodeableConcept) v).contains(HOME_SETTING));
        List<String> performers = resourceTypes(observation.getPerformer());
        if (bySetting || performers.stream().anyMatch(PATIENT_PERFORMERS::contains)) {
            return true;
        }
        return performers.stream().noneMatch(STAFF_PERFORMERS::contains) && observation.hasDevice();
    }

    /** Performed by clinic staff or an organisation: not the patient's own data. */
    static boolean isStaffPerformed(Observation observation) {
        return resourceTypes(observation.getPerformer()).stream().anyMatch(STAFF_PERFORMERS::contains);
    }

    /** Done by the patient (or a carer) themselves: a remote questionnaire, a home reading. */
    static boolean byPatient(List<Reference> performers) {
        return resourceTypes(performers).stream().anyMatch(PATIENT_PERFORMERS::contains);
    }

    private static List<String> resourceTypes(List<Reference> references) {
        return references.stream().map(Reference::getReference).filter(r -> r != null)
                .map(r -> new IdType(r).getResourceType()).filter(t -> t != null).toList();
    }

    private static boolean isBloodPressure(Observation observation) {
        return codes(observation.getCode()).stream().anyMatch(BP_PANEL::contains);
    }

    static boolean isUsableStatus(Observation observation) {
        Observation.ObservationStatus status = observation.getStatus();
        return status == Observation.ObservationStatus.FINAL || status == Observation.ObservationStatus.AMENDED
                || status == Observation.ObservationStatus.CORRECTED;
    }

    /** The moment on the wall clock it was recorded with (its own UTC offset; UTC when it carries none). */
    /** A time whose offset lies beyond ±18:00 names no local time (java.time refuses it): unreadable, not a fault. */
    static Optional<DateTimeType> readableTime(DateTimeType time) {
        try {
            if (time.getTimeZone() != null) {
                time.getTimeZone().toZoneId().getRules();
            }
            return Optional.of(time);
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    static LocalDateTime localTime(DateTimeType time) {
        ZoneId zone = time.getTimeZone() == null ? ZoneId.of("UTC") : time.getTimeZone().toZoneId();
        return LocalDateTime.ofInstant(time.getValue().toInstant(), zone);
    }

    static Optional<DateTimeType> effective(Observation observation) {
        if (observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null) {
            return readableTime(observation.getEffectiveDateTimeType());
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return readableTime(observation.getEffectivePeriod().getStartElement());
        }
        if (observation.hasEffectiveInstantType()) {
            return readableTime(new DateTimeType(observation.getEffectiveInstantType().getValue(),
                    observation.getEffectiveInstantType().getPrecision(), observation.getEffectiveInstantType().getTimeZone()));
        }
        return Optional.empty();
    }

    /** A component value in mm[Hg], converted by UCUM when the device reported another pressure unit (e.g. kPa). */
    private Optional<Double> component(Observation observation, Set<String> codes) {
        return observation.getComponent().stream()
                .filter(c -> codes(c.getCode()).stream().anyMatch(codes::contains))
                .filter(Observation.ObservationComponentComponent::hasValueQuantity)
                .map(Observation.ObservationComponentComponent::getValueQuantity)
                .filter(q -> q.getValue() != null)
                .findFirst()
                .flatMap(q -> units.convert(q.getValue().doubleValue(), unitCode(q), MM_HG));
    }

    static String unitCode(Quantity quantity) {
        return quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
    }

    private Medication medication(CodeableConcept concept) {
        List<String> texts = ContextReader.texts(concept);
        String name = texts.isEmpty() ? "unnamed medication" : texts.get(0);
        boolean antihypertensive = antihypertensives.matches(codes(concept), texts);
        return new Medication(name, antihypertensive,
                antihypertensive && antihypertensives.countsOnlyWithAnother(codes(concept), texts),
                antihypertensive ? antihypertensives.ingredientsIn(texts) : List.of());
    }

    /**
     * "system|code" of every coding. Remembered on the concept (HAPI user data): each reader asks again for every
     * Observation, and building the strings was the largest cost of reading thousands of CGM readings.
     */
    @SuppressWarnings("unchecked")
    static Set<String> codes(CodeableConcept concept) {
        if (concept == null) {
            return Set.of();
        }
        Object known = concept.getUserData(CODES_KEY);
        if (known != null) {
            return (Set<String>) known;
        }
        Set<String> codes = new HashSet<>();
        concept.getCoding().forEach(c -> codes.add(c.getSystem() + "|" + c.getCode()));
        Set<String> frozen = Set.copyOf(codes);
        concept.setUserData(CODES_KEY, frozen);
        return frozen;
    }

    private static <T> List<T> ofType(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

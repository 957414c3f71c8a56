package health.flipside.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.ClinicalContext;
import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceRegistry;
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
    private static final String LOINC = ObservationCodes.LOINC;
    private static final String MDC = ObservationCodes.MDC;
    /** BP panels: LOINC 85354-9 (CardX, PHD), 55284-4 (US vitals IG); MDC 150020 non-invasive BP (PHD IG). */
    public static final Set<String> BP_PANEL = Set.of(LOINC + "|85354-9", LOINC + "|55284-4", MDC + "|150020");
    static final Set<String> SYSTOLIC = Set.of(LOINC + "|8480-6", MDC + "|150021");
    static final Set<String> DIASTOLIC = Set.of(LOINC + "|8462-4", MDC + "|150022");
    static final String MM_HG = "mm[Hg]";
    /** The prefetch key whose presence means the medication list is known (absent: treated status unknown). */
    public static final String MEDICATIONS_KEY = "medications";
    /** The prefetch key whose presence means the problem list is known ("no AF on the problem list" needs it). */
    public static final String CONDITIONS_KEY = "conditions";

    private final DeviceRegistry devices;
    private final ClinicalVocabulary vocabulary;
    private final MedicationClassifier antihypertensives;
    private final UnitConverter units;
    private final MeasurementReader measurements;
    private final ContextReader context;
    private final PatientRecordReader patientRecord;

    public FactExtractor(DeviceRegistry devices, MedicationClassifier antihypertensives, ClinicalVocabulary vocabulary,
                         UnitConverter units) {
        this.devices = devices;
        this.vocabulary = vocabulary;
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
        all.addAll(PromInstruments.codes());
        return Set.copyOf(all);
    }

    public PatientData extract(ResolvedData data) {
        List<Resource> resources = data.all();
        List<ObservationView> observations = data.allObservations();
        RecordDevices recordDevices = new RecordDevices(ofType(resources, Device.class), devices);

        int skipped = 0;
        List<BloodPressureReading> readings = new ArrayList<>();
        for (ObservationView observation : observations) {
            if (!isBloodPressure(observation) || !observation.usable()) {
                continue;
            }
            Optional<BloodPressureReading> reading = bloodPressure(observation, recordDevices);
            if (reading.isPresent()) {
                readings.add(reading.get());
            } else {
                skipped++;
            }
        }
        List<ObservationView> usable = observations.stream().filter(ObservationView::usable).toList();
        MeasurementReader.Read streams = measurements.read(usable, recordDevices);
        PromReader.Read proms = new PromReader().read(resources, usable);
        Map<String, org.hl7.fhir.r4.model.Medication> medicationById = new HashMap<>();
        ofType(resources, org.hl7.fhir.r4.model.Medication.class)
                .forEach(m -> medicationById.put("Medication/" + m.getIdElement().getIdPart(), m));
        List<CodeableConcept> activeDrugs = ofType(resources, MedicationRequest.class).stream()
                .filter(m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE)
                .map(m -> concept(m, medicationById))
                .toList();
        List<Medication> medications = activeDrugs.stream().map(this::medication).toList();
        boolean medicationsKnown = data.byKey().containsKey(MEDICATIONS_KEY);
        ConceptNames names = new ConceptNames(vocabulary);
        ClinicalContext chart = context.read(names, resources, observations, data.byKey().containsKey(CONDITIONS_KEY), activeDrugs,
                medicationsKnown);
        return new PatientData(readings, streams.measurements(), proms.scores(), chart, medications, medicationsKnown,
                skipped + streams.skipped() + proms.skipped(), data.unavailable(), recordDevices.unresolved(),
                patientRecord.read(names, resources, usable), null);
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

    private Optional<BloodPressureReading> bloodPressure(ObservationView observation, RecordDevices recordDevices) {
        Optional<ObservedTime> effective = observation.effective();
        Optional<Double> systolic = component(observation, SYSTOLIC);
        Optional<Double> diastolic = component(observation, DIASTOLIC);
        if (effective.isEmpty() || systolic.isEmpty() || diastolic.isEmpty()) {
            return Optional.empty();
        }
        boolean home = Performers.isHome(observation);
        DeviceInfo device;
        if (!home) {
            device = DeviceInfo.OFFICE;
        } else if (!observation.hasDevice()) {
            device = DeviceInfo.SELF_REPORTED;
        } else {
            device = recordDevices.deviceOf(observation);
        }
        ObservedTime time = effective.get();
        return Optional.of(new BloodPressureReading(time.instant(), time.local(), systolic.get(), diastolic.get(),
                home ? BloodPressureReading.Setting.HOME : BloodPressureReading.Setting.OFFICE, device, observation.issued()));
    }

    private static boolean isBloodPressure(ObservationView observation) {
        return observation.code().hasAnyOf(BP_PANEL);
    }

    /**
     * The first such component's value in mm[Hg], converted by UCUM when the device reported another pressure unit
     * (e.g. kPa). A loop, not a stream: twice for every blood pressure reading.
     */
    private Optional<Double> component(ObservationView observation, Set<String> codes) {
        for (ObservationView.Component c : observation.components()) {
            if (c.code().hasAnyOf(codes) && c.value() instanceof ObservedValue.Quantity q && q.value() != null) {
                return units.convert(q.value().doubleValue(), q.unit(), MM_HG);
            }
        }
        return Optional.empty();
    }

    private Medication medication(CodeableConcept concept) {
        List<String> texts = ContextReader.texts(concept);
        String name = texts.isEmpty() ? "unnamed medication" : texts.get(0);
        boolean antihypertensive = antihypertensives.matches(Concept.codesOf(concept), texts);
        return new Medication(name, antihypertensive,
                antihypertensive && antihypertensives.countsOnlyWithAnother(Concept.codesOf(concept), texts),
                antihypertensive ? antihypertensives.ingredientsIn(texts) : List.of());
    }

    private static <T> List<T> ofType(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

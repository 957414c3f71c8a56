package health.flipside.facts;

import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.proms.PromScore;
import java.util.List;

/**
 * Everything the FHIR layer read for one hook call, as facts: no FHIR types past this point.
 *
 * @param measurements     every other patient-generated stream (glucose, weight, wearables, activity, sleep)
 * @param proms            scored patient-reported outcome measures
 * @param context          conditions, medication classes and documented assessments from the chart
 * @param medicationsKnown whether the medication list arrived (if not, treated vs untreated cannot be said)
 * @param skippedResources resources Flipside could not read (unknown unit, missing value)
 * @param unavailable      data that could be had neither from prefetch nor from the FHIR server (prefetch keys)
 * @param unresolvedDevices readings used at the lowest tier because the device they name could not be had
 * @param record           the chart's patient context as read (birth date, pregnancy, palliative care, ECGs)
 * @param patient          that context at the call's instant: set by {@link FactBuilder} before any topic runs
 *                         ({@link PatientContext#UNKNOWN} until then)
 */
public record PatientData(List<BloodPressureReading> bloodPressure, List<Measurement> measurements,
                          List<PromScore> proms, ClinicalContext context, List<Medication> medications,
                          boolean medicationsKnown, int skippedResources, List<String> unavailable,
                          int unresolvedDevices, PatientRecord record, PatientContext patient) {
    public PatientData {
        bloodPressure = List.copyOf(bloodPressure);
        measurements = List.copyOf(measurements);
        proms = List.copyOf(proms);
        medications = List.copyOf(medications);
        unavailable = List.copyOf(unavailable);
        record = record == null ? PatientRecord.UNKNOWN : record;
        patient = patient == null ? PatientContext.UNKNOWN : patient;
    }

    /**
     * Without a patient record and with every device found (unit tests of one topic): an adult of unknown age,
     * nothing else known.
     */
    public PatientData(List<BloodPressureReading> bloodPressure, List<Measurement> measurements, List<PromScore> proms,
                       ClinicalContext context, List<Medication> medications, boolean medicationsKnown,
                       int skippedResources, List<String> unavailable) {
        this(bloodPressure, measurements, proms, context, medications, medicationsKnown, skippedResources, unavailable,
                0, PatientRecord.UNKNOWN, PatientContext.UNKNOWN);
    }

    /** The measurements of one metric, oldest first as delivered. */
    public List<Measurement> of(Metric metric) {
        return measurements.stream().filter(m -> m.metric() == metric).toList();
    }

    /** The scores of one instrument scale, oldest first. */
    public List<PromScore> scores(String instrument, String scale) {
        return proms.stream().filter(p -> p.is(instrument, scale))
                .sorted(java.util.Comparator.comparing(PromScore::completedAt)).toList();
    }

    PatientData withMeasurements(List<Measurement> cleaned) {
        return new PatientData(bloodPressure, cleaned, proms, context, medications, medicationsKnown, skippedResources,
                unavailable, unresolvedDevices, record, patient);
    }

    /** The same data with the patient context of the call's instant. */
    public PatientData withPatient(PatientContext context) {
        return new PatientData(bloodPressure, measurements, proms, this.context, medications, medicationsKnown,
                skippedResources, unavailable, unresolvedDevices, record, context);
    }
}

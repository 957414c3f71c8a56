package health.flipside.facts;

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
 */
public record PatientData(List<BloodPressureReading> bloodPressure, List<Measurement> measurements,
                          List<PromScore> proms, ClinicalContext context, List<Medication> medications,
                          boolean medicationsKnown, int skippedResources, List<String> unavailable,
                          int unresolvedDevices) {
    public PatientData {
        bloodPressure = List.copyOf(bloodPressure);
        measurements = List.copyOf(measurements);
        proms = List.copyOf(proms);
        medications = List.copyOf(medications);
        unavailable = List.copyOf(unavailable);
    }

    /** Data whose every device reference resolved. */
    public PatientData(List<BloodPressureReading> bloodPressure, List<Measurement> measurements, List<PromScore> proms,
                       ClinicalContext context, List<Medication> medications, boolean medicationsKnown,
                       int skippedResources, List<String> unavailable) {
        this(bloodPressure, measurements, proms, context, medications, medicationsKnown, skippedResources, unavailable, 0);
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
                unavailable, unresolvedDevices);
    }
}

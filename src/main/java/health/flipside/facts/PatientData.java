package health.flipside.facts;

import java.util.List;

/**
 * Everything the FHIR layer read for one hook call, as facts: no FHIR types past this point.
 *
 * @param medicationsKnown whether the medication list arrived (if not, treated vs untreated cannot be said)
 * @param skippedResources resources Flipside could not read (unknown unit, missing value, broken reference)
 * @param unavailable      data that could be had neither from prefetch nor from the FHIR server (prefetch keys)
 */
public record PatientData(List<BloodPressureReading> bloodPressure, List<Medication> medications,
                          boolean medicationsKnown, int skippedResources, List<String> unavailable) {
    public PatientData {
        bloodPressure = List.copyOf(bloodPressure);
        medications = List.copyOf(medications);
        unavailable = List.copyOf(unavailable);
    }
}

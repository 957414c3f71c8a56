package health.flipside.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the chart records about the patient as a person, read once by the FHIR layer (fhir/PatientRecordReader) with
 * the codes of {@code rules/common/clinical-context.yaml} {@code patientContext}: dates and flags only, no judgement.
 * {@link PatientContext#of} turns it into the context every topic uses, at the instant of the hook call.
 *
 * @param birthDate              Patient.birthDate, or null when the record has none (then the age is unknown)
 * @param pregnancyActive        an active Condition or EpisodeOfCare says pregnant
 * @param pregnancyObservedAt    the latest Observation saying pregnant (code or value), or null
 * @param notPregnantObservedAt  the latest Observation saying not pregnant, or null
 * @param postpartumActive       an active Condition or EpisodeOfCare says postpartum
 * @param deliveredAt            the latest delivery date (delivery Procedure, Observation, postpartum onset), or null
 * @param palliative             palliative or hospice care on the problem list or as an active EpisodeOfCare
 * @param ecgs                   documented 12-lead or ambulatory ECGs
 * @param afRecordedAt           when atrial fibrillation was diagnosed (the AF Condition's onset, else its recorded
 *                               date), or null
 */
public record PatientRecord(LocalDate birthDate, boolean pregnancyActive, Instant pregnancyObservedAt,
                            Instant notPregnantObservedAt, boolean postpartumActive, Instant deliveredAt,
                            boolean palliative, List<Ecg> ecgs, Instant afRecordedAt) {
    public PatientRecord {
        ecgs = List.copyOf(ecgs);
    }

    /** Nothing known: an old caller, or a request without the patient's record. */
    public static final PatientRecord UNKNOWN = new PatientRecord(null, false, null, null, false, null, false, List.of(), null);

    /**
     * One documented ECG.
     *
     * @param normal coded as normal (a "normal ECG" finding or interpretation N); false = abnormal or not coded
     * @param kind   where it was documented ("Procedure", "DiagnosticReport", "Observation"), for the card
     */
    public record Ecg(Instant at, boolean normal, String kind) {
    }

    /** The latest documented ECG, if any. */
    public Optional<Ecg> latestEcg() {
        return ecgs.stream().max(Comparator.comparing(Ecg::at));
    }
}

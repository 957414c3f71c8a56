package health.flipside.facts.wearables;

import health.flipside.facts.provenance.Provenance;

/**
 * Irregular-rhythm notifications of a wearable in the look-back (docs/clinical-sources.md, wearables). Present when
 * there is
 * at least one. A notification surfaces a question; it never diagnoses.
 *
 * @param count           notifications in the look-back
 * @param dates           their local dates, newest first ("30 Oct, 2 Oct")
 * @param knownAf         atrial fibrillation is on the problem list (the feature is not intended for them)
 * @param conditionsKnown the problem list arrived: without it, "no AF diagnosis" cannot be said
 * @param monthsOfData    how long the patient's wearables have been sending data, in whole months
 * @param ecgAfterLatest  a 12-lead or ambulatory ECG is documented after the latest notification (patient context):
 *                        the question the notification raised has been asked
 * @param ecgDate         that ECG's date ("3 Nov 2026"), or ""
 * @param ecgNormal       that ECG is coded normal
 * @param ecgKind         where it is documented ("Procedure", "DiagnosticReport", "Observation"), or ""
 */
public record RhythmNotifications(int count, String dates, boolean knownAf, boolean conditionsKnown, int monthsOfData,
                                  Provenance provenance, boolean ecgAfterLatest, String ecgDate, boolean ecgNormal,
                                  String ecgKind) {
    /** Without ECG information (before the patient context, and in tests of the notification alone). */
    public RhythmNotifications(int count, String dates, boolean knownAf, boolean conditionsKnown, int monthsOfData,
                               Provenance provenance) {
        this(count, dates, knownAf, conditionsKnown, monthsOfData, provenance, false, "", false, "");
    }

    public boolean hasMonths() {
        return monthsOfData > 0;
    }

    /** A single notification: cds-cards/partials/rhythm-notifications.mustache words the noun for the count. */
    public boolean one() {
        return count == 1;
    }
}

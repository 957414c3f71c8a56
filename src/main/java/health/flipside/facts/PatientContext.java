package health.flipside.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The patient as every topic must see them (issue 9): age group, pregnancy or the weeks after delivery, chronic lung
 * disease, palliative or hospice care, and the latest documented ECG and AF diagnosis. Built once per hook call from
 * the {@link PatientRecord} and the {@link ClinicalContext} at the call's instant, with the limits of
 * {@code rules/common/thresholds.yaml}; handed to the rules as a fact and to every summarizer in
 * {@link PatientData#patient()}.
 *
 * @param ageYears           whole years at the call's instant, or -1 when the record has no birth date
 * @param child              younger than {@code childUnderAge}: out of Flipside's scope (no card at all). A missing
 *                           birth date is not a child
 * @param olderAdult         at least {@code olderAdultFromAge}: the older / high-risk CGM targets apply
 * @param pregnant           an active pregnancy Condition or EpisodeOfCare, or a pregnancy Observation in the last
 *                           {@code pregnancyObservationMaxDays} not followed by "not pregnant" or a delivery
 * @param postpartum         delivered within {@code postpartumWeeks}, or an active postpartum Condition/EpisodeOfCare
 *                           (unless its known delivery date is older)
 * @param weeksSinceDelivery whole weeks since the delivery date, or -1 when none is recorded
 * @param chronicLungDisease "chronic-lung-disease" on the problem list (clinical-context.yaml conditions)
 * @param palliative         palliative or hospice care
 * @param lastEcgAt          the latest documented ECG, or null
 * @param lastEcgNormal      that ECG is coded normal
 * @param lastEcgKind        "Procedure", "DiagnosticReport" or "Observation", or null
 * @param knownAf            AF (or flutter) on the problem list
 * @param afRecordedAt       when the AF diagnosis was made (onset, else recorded date), or null
 */
public record PatientContext(int ageYears, boolean child, boolean olderAdult, boolean pregnant, boolean postpartum,
                             int weeksSinceDelivery, boolean chronicLungDisease, boolean palliative, Instant lastEcgAt,
                             boolean lastEcgNormal, String lastEcgKind, boolean knownAf, Instant afRecordedAt) {
    /** The limits in rules/common/thresholds.yaml this context reads. */
    public static final java.util.List<String> REQUIRED_THRESHOLDS = java.util.List.of("childUnderAge",
            "olderAdultFromAge", "postpartumWeeks", "pregnancyObservationMaxDays");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** Nothing known: an adult of unknown age, not pregnant, no ECG. */
    public static final PatientContext UNKNOWN = new PatientContext(-1, false, false, false, false, -1, false, false,
            null, false, null, false, null);

    public static PatientContext of(PatientRecord record, ClinicalContext chart, Thresholds common, Instant now) {
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        int age = record.birthDate() == null || record.birthDate().isAfter(today) ? -1
                : Period.between(record.birthDate(), today).getYears();
        boolean child = age >= 0 && age < common.get("childUnderAge");
        boolean older = age >= 0 && age >= common.get("olderAdultFromAge");

        Instant observed = record.pregnancyObservedAt();
        boolean observedPregnant = observed != null
                && !observed.isBefore(now.minus(Duration.ofDays(common.getInt("pregnancyObservationMaxDays"))))
                && !observed.isAfter(now)
                && (record.notPregnantObservedAt() == null || record.notPregnantObservedAt().isBefore(observed))
                && (record.deliveredAt() == null || record.deliveredAt().isBefore(observed));
        boolean pregnant = record.pregnancyActive() || observedPregnant;

        Instant delivered = record.deliveredAt() != null && !record.deliveredAt().isAfter(now) ? record.deliveredAt() : null;
        int weeks = delivered == null ? -1 : (int) (Duration.between(delivered, now).toDays() / 7);
        long postpartumDays = Math.round(common.get("postpartumWeeks") * 7);
        boolean recentDelivery = delivered != null && Duration.between(delivered, now).toDays() <= postpartumDays;
        boolean postpartum = recentDelivery || (record.postpartumActive() && delivered == null);

        PatientRecord.Ecg ecg = record.latestEcg().orElse(null);
        return new PatientContext(age, child, older, pregnant, postpartum, weeks, chart.has("chronic-lung-disease"),
                record.palliative(), ecg == null ? null : ecg.at(), ecg != null && ecg.normal(),
                ecg == null ? null : ecg.kind(), chart.has("atrial-fibrillation"), record.afRecordedAt());
    }

    public boolean ageKnown() {
        return ageYears >= 0;
    }

    /** Pregnant or within the weeks after delivery: ACOG 767 severe-range BP applies to both. */
    public boolean pregnantOrPostpartum() {
        return pregnant || postpartum;
    }

    /** For templates (cds-cards/partials/pregnancy-status.mustache words pregnant / postpartum and the weeks). */
    public boolean deliveryDateKnown() {
        return weeksSinceDelivery >= 0;
    }

    public boolean oneWeekSinceDelivery() {
        return weeksSinceDelivery == 1;
    }

    /** The latest ECG's date ("3 Nov 2026"), or "" when none. */
    public String lastEcgDate() {
        return lastEcgAt == null ? "" : lastEcgAt.atOffset(ZoneOffset.UTC).format(DAY);
    }
}

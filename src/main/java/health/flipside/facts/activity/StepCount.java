package health.flipside.facts.activity;

import health.flipside.facts.provenance.Provenance;

/**
 * Daily steps over the recent window (docs/clinical-sources.md, activity and sleep): the median of days with a count.
 * Present above the gate.
 *
 * @param plateauFrom where mortality benefit levelled off for the patient's age group (Paluch 2022)
 * @param olderGroup  the patient is in the older group (60 and over)
 * @param ageKnown    the age is known; if not, the under-60 value is used and the card names both groups
 */
public record StepCount(double median, int days, int windowDays, Provenance provenance, double plateauFrom,
                        boolean olderGroup, boolean ageKnown) {
    public String medianText() {
        return String.format(java.util.Locale.ENGLISH, "%,d", Math.round(median / 100) * 100);
    }

    public String plateauText() {
        return String.format(java.util.Locale.ENGLISH, "%,d", Math.round(plateauFrom));
    }

    public boolean youngerGroup() {
        return ageKnown && !olderGroup;
    }
}

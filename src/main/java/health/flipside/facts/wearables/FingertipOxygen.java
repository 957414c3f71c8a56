package health.flipside.facts.wearables;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * SpO2 from fingertip (transmissive) oximeters of Tier A or B in the recent window: the only SpO2 threshold logic may
 * rest on (docs/clinical-sources.md, wearables). Present when there is at least one such reading.
 *
 * @param lowReadings        readings below the lower bound of the patient's target range
 * @param lowDays            distinct days with such a reading
 * @param lowValues          those values, oldest first ("91%, 90%")
 * @param chronicLungDisease documented chronic lung disease: the 88–92 % target applies
 * @param target             the target range the readings are judged against (patient context)
 * @param recentDays         days with a reading in the recent window
 * @param recentMedian       the median of those days' medians, %
 * @param baseline           the patient's own baseline (median of daily medians before the window), or -1 when
 *                           fewer than {@code spo2BaselineDaysMin} days give one
 * @param baselineDays       days the baseline rests on
 */
public record FingertipOxygen(int readings, int lowReadings, int lowDays, String lowValues, boolean chronicLungDisease,
                              Provenance provenance, OxygenTarget target, int recentDays, double recentMedian,
                              double baseline, int baselineDays) {
    public boolean hasBaseline() {
        return baseline >= 0;
    }

    /** Points below the patient's own baseline (0 when at or above it, or no baseline). */
    public double dropFromBaseline() {
        return hasBaseline() ? Math.max(0, baseline - recentMedian) : 0;
    }

    public String baselineText() {
        return Numbers.whole(baseline);
    }

    public String recentMedianText() {
        return Numbers.whole(recentMedian);
    }

    public String dropText() {
        return Numbers.whole(dropFromBaseline());
    }
}

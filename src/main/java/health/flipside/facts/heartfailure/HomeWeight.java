package health.flipside.facts.heartfailure;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * Home weight of a patient with heart failure (docs/clinical-sources.md, heart failure): morning weights of the recent
 * week
 * against the personal baseline. Weights are in lb, the unit of the action thresholds patients are taught; kg
 * beside them for texts. Present when the patient has heart failure and a home weight in the recent week.
 *
 * @param mornings        days with a morning weight in the recent window
 * @param windowDays      the recent window (7)
 * @param gateMet         enough mornings and a baseline: below it, no trend is inferred
 * @param scaleChanged    the scale changed: the baseline restarts with the new scale
 * @param latestLb        the latest morning weight
 * @param baselineLb      median morning weight of the baseline days, or -1 without a baseline
 * @param gainVsBaselineLb latest minus baseline (0 without a baseline)
 * @param confirmedDayGainLb a day-on-day gain at or above the 24 h threshold, confirmed by the next morning, or 0
 * @param confirmedDayGainOn the morning of that gain ("18 Nov"), or null
 * @param gainAlert       a confirmed 24 h gain or a gain vs baseline at or above its threshold
 * @param recentLossLb    loss over the loss window (positive number), 0 when none at or above the threshold
 * @param longestGapDays  longest run of days without a weight in the recent window and baseline
 */
public record HomeWeight(int mornings, int windowDays, boolean gateMet, boolean scaleChanged, double latestLb,
                         double baselineLb, double gainVsBaselineLb, double confirmedDayGainLb,
                         String confirmedDayGainOn, boolean gainAlert, double recentLossLb, int longestGapDays,
                         Provenance provenance) {
    public static final double KG_PER_LB = 0.45359237;

    public String latestText() {
        return Numbers.oneDecimal(latestLb);
    }

    public String latestKgText() {
        return Numbers.oneDecimal(latestLb * KG_PER_LB);
    }

    public String baselineText() {
        return Numbers.oneDecimal(baselineLb);
    }

    public String gainVsBaselineText() {
        return signed(gainVsBaselineLb);
    }

    public String gainVsBaselineKgText() {
        return signed(gainVsBaselineLb * KG_PER_LB);
    }

    public String dayGainText() {
        return signed(confirmedDayGainLb);
    }

    public String dayGainKgText() {
        return signed(confirmedDayGainLb * KG_PER_LB);
    }

    public boolean hasDayGain() {
        return confirmedDayGainLb > 0;
    }

    public String lossText() {
        return Numbers.oneDecimal(recentLossLb);
    }

    public boolean hasLoss() {
        return recentLossLb > 0;
    }

    /** The weights come from a validated scale (tier A/B), the only ones a combined heart-failure warning rests on. */
    public boolean validatedScale() {
        return provenance != null && provenance.tier() != null && provenance.tier().isValidated();
    }

    public boolean hasLongGap() {
        return longestGapDays >= 3;
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "−") + Numbers.oneDecimal(Math.abs(value));
    }
}

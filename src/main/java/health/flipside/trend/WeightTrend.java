package health.flipside.trend;

import java.util.List;

/**
 * Home weights in lb (the unit of the action thresholds patients are taught), the personal baseline and the gain
 * thresholds around it; baseline and thresholds only for a patient the heart-failure summary judged.
 *
 * @param summary the heart-failure weight summary the cards quote, or null
 */
public record WeightTrend(List<TrendPoint> weights, List<Band> thresholds, List<Gap> gaps, Summary summary) {
    public record Summary(int mornings, int windowDays, boolean gateMet, double latestLb, double baselineLb,
                          double gainVsBaselineLb, double confirmedDayGainLb, boolean gainAlert, String provenance) {
    }
}

package health.flipside.trend;

import java.util.List;
import java.util.Map;

/**
 * Home weights in lb (the unit of the action thresholds patients are taught), the personal baseline and the gain
 * thresholds around it; baseline and thresholds only for a patient the heart-failure summary judged.
 *
 * @param summary the heart-failure weight summary the cards quote, or null
 * @param text    the section's sentences by key ({@link TrendSentences}: summary, lines)
 */
public record WeightTrend(List<TrendPoint> weights, List<Band> thresholds, List<Gap> gaps, Summary summary,
                          Map<String, String> text) {
    WeightTrend withText(Map<String, String> worded) {
        return new WeightTrend(weights, thresholds, gaps, summary, worded);
    }

    public record Summary(int mornings, int windowDays, boolean gateMet, double latestLb, double baselineLb,
                          double gainVsBaselineLb, double confirmedDayGainLb, boolean gainAlert, String provenance) {
    }
}

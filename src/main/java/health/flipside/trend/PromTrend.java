package health.flipside.trend;

import java.util.List;

import health.flipside.facts.proms.PromsSummarizer;

/**
 * One questionnaire scale over time, against its severity bands and its minimal clinically important difference.
 *
 * @param scores the plausible scores of the look-back, oldest first (tier: where it was completed)
 * @param latest the card's reading of the latest score, or null when the summaries did not judge it
 */
public record PromTrend(String name, boolean higherIsWorse, double min, double max, double mcid,
                        List<PromsSummarizer.Band> bands, List<TrendPoint> scores, Latest latest) {
    /** The latest score as the card states it. */
    public record Latest(String scoreText, String band, String completedOn, Double change) {
    }
}

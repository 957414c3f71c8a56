package health.flipside.trend;

import java.util.List;
import java.util.Map;

import health.flipside.facts.heartfailure.KccqBand;

/**
 * The KCCQ-12 overall summary score (heart failure) over its look-back ({@code kccqLookbackDays}), against its
 * interpretation bands and the change sizes the heart-failure cards judge a change by (rules/heart-failure/thresholds.yaml).
 * Shaped like a {@link PromTrend}, so the page draws both alike; higher is better.
 *
 * @param name           the section's series name (trend-kccq partial)
 * @param mcid           the smallest important change, points ({@code kccqSmall})
 * @param moderateChange a moderate change, points ({@code kccqModerate})
 * @param largeChange    a large change, points ({@code kccqLarge})
 * @param bands          worst first, each with its code and the cards' words (kccq-band partial)
 * @param scores         oldest first (tier: R completed remotely, K in clinic)
 * @param latest         the latest score and its band; its change only when the heart-failure summary judged one (the card's)
 * @param text           the section's sentences by key ({@link TrendSentences}: summary, chart, table, as a questionnaire's)
 */
public record KccqTrend(String name, boolean higherIsWorse, double min, double max, double mcid, double moderateChange,
                        double largeChange, List<ScoreBand> bands, List<TrendPoint> scores, Latest latest,
                        Map<String, String> text) {
    public record ScoreBand(KccqBand code, String label, double from, double to) implements Range {
    }

    /**
     * @param change     latest minus the earlier score the card compares with, or null without a card's change
     * @param changeSize "small", "moderate", "large" or "none" (the card's), or null
     */
    public record Latest(String scoreText, KccqBand bandCode, String band, String completedOn, Double change,
                         String changeSize) {
    }
}

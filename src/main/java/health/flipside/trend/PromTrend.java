package health.flipside.trend;

import java.util.List;
import java.util.Map;

import health.flipside.facts.proms.PromBand;

/**
 * One questionnaire scale over time, against its severity bands and its minimal clinically important difference.
 *
 * @param bands  the severity bands along the axis, each with its code and its words from cds-cards (prom-band)
 * @param scores the plausible scores of the look-back, oldest first (tier: where it was completed)
 * @param latest the card's reading of the latest score, or null when the summaries did not judge it
 * @param text   the section's sentences by key ({@link TrendSentences}: summary, chart, table)
 */
public record PromTrend(String name, boolean higherIsWorse, double min, double max, double mcid,
                        List<ScoreBand> bands, List<TrendPoint> scores, Latest latest, Map<String, String> text) {
    /** One band: its code, the words the cards use for it, and its range on the scale's axis. */
    public record ScoreBand(PromBand code, String label, double from, double to) implements Range {
    }

    /** The latest score as the card states it: the band as a code and in the card's words. */
    public record Latest(String scoreText, PromBand bandCode, String band, String completedOn, Double change) {
    }
}

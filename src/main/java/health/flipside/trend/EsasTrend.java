package health.flipside.trend;

import java.util.List;
import java.util.Map;

import health.flipside.facts.proms.PromBand;

/**
 * ESAS-r over the questionnaire look-back ({@code resultLookbackDays}): each symptom the patient rated, 0–10 and higher
 * worse, against the moderate and severe bands (rules/proms/thresholds.yaml), drawn as small multiples on one scale.
 *
 * @param name        the section title (trend-proms partial)
 * @param max         the top of every symptom's axis ({@code esasScoreMax})
 * @param mcid        the item change the cards call worse or better ({@code esasItemMcid})
 * @param bands       moderate and severe, worded by prom-band as the cards word bands
 * @param completedOn the latest administration as the card dates it, or null when the summaries judged none
 * @param previousOn  the administration the card compares with, or null
 * @param symptoms    the latest administration's symptoms first, highest score first as the card lists them; symptoms
 *                    rated only earlier after them
 * @param text        the section's sentences by key ({@link TrendSentences}: esasSummary)
 */
public record EsasTrend(String name, double max, double mcid, List<PromTrend.ScoreBand> bands, String completedOn,
                        String previousOn, List<Symptom> symptoms, Map<String, String> text) {
    EsasTrend withText(Map<String, String> worded) {
        return new EsasTrend(name, max, mcid, bands, completedOn, previousOn, symptoms, worded);
    }

    /**
     * One symptom over time.
     *
     * @param latest   its rating in the latest administration (the card's), or null when that one left it out
     * @param bandCode the latest rating's band when moderate or severe, else null
     * @param band     that band in the cards' words, or null
     * @param previous its rating in the administration the card compares with, or null
     * @param caption  the caption over its small chart ({@link TrendSentences}: esasSymptom)
     */
    public record Symptom(String symptom, List<TrendPoint> scores, Integer latest, PromBand bandCode, String band,
                          Integer previous, String caption) {
    }
}

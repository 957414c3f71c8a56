package health.flipside.trend;

import java.util.List;
import java.util.Map;

/**
 * What the trend page draws for one patient. A section is null when the patient has no data for it; {@code hasData}
 * is false when every section is.
 *
 * @param kccq        KCCQ-12 scores (heart failure, drawn beside the weights), or null without any in the look-back
 * @param esas        ESAS-r symptoms, or null without any in the look-back
 * @param unavailable what could not be read from the FHIR server, in words (the page says so)
 * @param labels      the page's section titles, series and axis labels by "group.key", worded by
 *                    cds-cards/partials/trend-&lt;group&gt;.mustache ({@link TrendWords})
 */
public record TrendView(String generatedAt, boolean hasData, BloodPressureTrend bloodPressure, GlucoseTrend glucose,
                        WeightTrend weight, KccqTrend kccq, List<PromTrend> proms, EsasTrend esas, List<String> unavailable, Map<String, String> labels) {
}

package health.flipside.trend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import health.flipside.cards.CardCatalog;

/**
 * The trend page's own words — section titles, series, line and axis labels, table headers — from
 * {@code cds-cards/partials/trend-<group>.mustache}, one key each ({@code {{#is.homeSystolic}}home
 * systolic{{/is.homeSystolic}}}), so an author rewords the page as the cards, without Java or JavaScript. A label
 * with a number ("home systolic target below 135") gets it as {@code value} (or {@code from}, {@code to}).
 */
final class TrendWords {
    /** Every key of every group; the page reads them as "group.key" ({@code view.labels}). */
    static final Map<String, List<String>> KEYS = Map.of(
            "page", List.of("heading", "legend", "showTables", "showCharts", "dataAsOf", "notAvailable", "nothingTitle", "nothingText",
                    "when", "source", "completed", "where", "score", "yes", "no"),
            "bp", List.of("title", "axis", "homeSystolic", "homeDiastolic", "officeSystolic", "officeDiastolic", "setting", "home",
                    "office", "usedForMean", "officeMean"),
            "glucose", List.of("title", "axis", "profileAxis", "p5", "p25", "median", "p75", "p95", "meter", "rangesTitle",
                    "range", "percentOfTime", "veryLow", "low", "inRange", "high", "veryHigh", "profileTable", "hour",
                    "readings", "profileChart", "meterChart", "noProfile"),
            "weight", List.of("title", "axis", "weight", "chart"),
            "kccq", List.of("title", "axis", "series"),
            "proms", List.of("axis", "remote", "inClinic", "esasTitle", "esasAxis", "notAnswered"));

    private final CardCatalog cards;

    TrendWords(CardCatalog cards) {
        this.cards = cards;
    }

    /** Every key's words, "group.key" → words: the same for every patient. */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        KEYS.forEach((group, keys) -> keys.forEach(key -> labels.put(group + "." + key, label(group, key, Map.of()))));
        return Map.copyOf(labels);
    }

    /** One key's words, with the numbers it names. */
    String label(String group, String key, Map<String, Object> values) {
        Map<String, Object> scope = new LinkedHashMap<>(values);
        scope.put("is", Map.of(key, true));
        return cards.words("trend-" + group, scope);
    }
}

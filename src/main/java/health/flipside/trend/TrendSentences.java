package health.flipside.trend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * The sentences of the trend page's sections — each section's summary line, its notes, its charts' names for a screen
 * reader — worded by the section's partial (cds-cards/partials/trend-&lt;group&gt;.mustache, key {@code is.<key>})
 * from the numbers the section draws. This class only hands the partial those numbers, as texts printed the way the
 * cards print them; every word is the author's. Each scope's names are listed in cds-cards/README.md.
 */
final class TrendSentences {
    /** The sentence keys of each group, worded per patient (the page's fixed words are {@link TrendWords#KEYS}). */
    static final Map<String, List<String>> KEYS = Map.of(
            "bp", List.of("summary", "chart", "targets"),
            "glucose", List.of("ranges", "rangesChart", "profile", "meterReadings"),
            "weight", List.of("summary", "lines"),
            "proms", List.of("summary", "chart", "table", "esasSummary", "esasSymptom"));

    private final TrendWords words;
    private final Map<String, String> labels;

    TrendSentences(TrendWords words, Map<String, String> labels) {
        this.words = words;
        this.labels = labels;
    }

    Map<String, String> bloodPressure(BloodPressureTrend bp, Provenance provenance) {
        BloodPressureTrend.Home home = bp.home();
        BloodPressureTrend.Office office = bp.office();
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("windowDays", bp.windowDays());
        scope.put("home", names("hasReadings", home.readings() > 0, "mean", home.meanSystolic() + "/" + home.meanDiastolic(),
                "readings", home.readings(), "oneReading", home.readings() == 1, "days", home.days(), "oneDay", home.days() == 1,
                "gateMet", home.gateMet()));
        if (office != null) {
            scope.put("office", names("mean", office.meanSystolic() + "/" + office.meanDiastolic(), "visits", office.visits(),
                    "oneVisit", office.visits() == 1, "lastVisit", office.lastVisit(), "dated", office.dated()));
        }
        putSource(scope, provenance);
        if (home.notUsed() != null) {
            scope.put("notUsed", home.notUsed());
        }
        putGaps(scope, bp.gaps());
        scope.put("homeTarget", Numbers.whole(bp.targets().get(0).to()) + "/" + Numbers.whole(bp.targets().get(1).to()));
        scope.put("targets", lines(bp.targets()));
        return sentences("bp", scope);
    }

    Map<String, String> glucose(GlucoseTrend glucose, Provenance provenance) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("windowDays", glucose.windowDays());
        scope.put("targetRange", glucose.targetRange().label());
        GlucoseTrend.TimeInRanges r = glucose.ranges();
        if (r != null) {
            scope.put("veryLow", percent(r.veryLow()));
            scope.put("low", percent(r.low()));
            scope.put("inRange", percent(r.inRange()));
            scope.put("high", percent(r.high()));
            scope.put("veryHigh", percent(r.veryHigh()));
            scope.put("below", r.low() < 0 || r.veryLow() < 0 ? null : percent(r.low() + r.veryLow()));
            scope.put("inRangeTarget", Numbers.oneDecimal(r.inRangeTarget()));
            scope.put("belowRangeMax", Numbers.oneDecimal(r.belowRangeMax()));
            scope.put("fromVendorReport", r.fromVendorReport());
            scope.put("interpretable", r.interpretable());
            scope.put("days", Numbers.oneDecimal(r.days()));
            scope.put("activePercent", Numbers.oneDecimal(r.activePercent()));
            putSource(scope, provenance);
        }
        scope.put("meterReadings", glucose.meter().size());
        scope.put("oneMeterReading", glucose.meter().size() == 1);
        putGaps(scope, glucose.gaps());
        return sentences("glucose", scope);
    }

    Map<String, String> weight(WeightTrend weight, Provenance provenance, String gainVsBaseline) {
        Map<String, Object> scope = new LinkedHashMap<>();
        WeightTrend.Summary s = weight.summary();
        if (s != null) {
            scope.put("summary", names("latest", Numbers.oneDecimal(s.latestLb()), "hasBaseline", s.baselineLb() > 0,
                    "baseline", Numbers.oneDecimal(s.baselineLb()), "gain", gainVsBaseline, "mornings", s.mornings(),
                    "oneMorning", s.mornings() == 1, "windowDays", s.windowDays(), "gainAlert", s.gainAlert()));
            putSource(scope, provenance);
        }
        scope.put("weights", weight.weights().size());
        scope.put("oneWeight", weight.weights().size() == 1);
        putGaps(scope, weight.gaps());
        scope.put("lines", lines(weight.thresholds()));
        return sentences("weight", scope);
    }

    /** A questionnaire scale's sentences (summary, chart, table); the KCCQ-12 section is worded by the same keys. */
    Map<String, String> score(String name, boolean higherIsWorse, double mcid, List<? extends Range> bands, int scores, Latest latest,
                              ChangeSizes sizes) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("name", name);
        if (latest != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("score", latest.score());
            l.put("band", latest.band());
            l.put("completedOn", latest.completedOn());
            l.put("hasChange", latest.change() != null);
            l.put("change", latest.change() == null ? null : (latest.change() > 0 ? "+" : "") + Numbers.oneDecimal(latest.change()));
            l.put("size", latest.size());
            scope.put("latest", l);
        }
        scope.put("scores", scores);
        scope.put("mcid", Numbers.oneDecimal(mcid));
        scope.put("higherIsWorse", higherIsWorse);
        if (sizes != null) {
            scope.put("sizes", names("small", Numbers.oneDecimal(sizes.small()), "moderate", Numbers.oneDecimal(sizes.moderate()),
                    "large", Numbers.oneDecimal(sizes.large())));
        }
        scope.put("bands", ranges(bands));
        putMarkers(scope);
        return sentences("proms", scope, "summary", "chart", "table");
    }

    /** The latest score as its section states it, in the card's texts; {@code change} and {@code size} may be null. */
    record Latest(String score, String band, String completedOn, Double change, String size) {
    }

    /** The points a change must reach to be small, moderate or large (KCCQ-12). */
    record ChangeSizes(double small, double moderate, double large) {
    }

    Map<String, String> esas(EsasTrend esas, int forms) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("completedOn", esas.completedOn());
        List<EsasTrend.Symptom> notable = esas.symptoms().stream().filter(s -> s.band() != null).toList();
        scope.put("hasNotable", !notable.isEmpty());
        scope.put("notable", listed(notable, s -> names("symptom", s.symptom(), "latest", s.latest(), "band", s.band())));
        scope.put("forms", forms);
        scope.put("axis", labels.get("proms.esasAxis"));
        scope.put("bands", ranges(esas.bands()));
        scope.put("mcid", Numbers.oneDecimal(esas.mcid()));
        scope.put("previousOn", esas.previousOn());
        putMarkers(scope);
        return sentences("proms", scope, "esasSummary");
    }

    /** One ESAS-r symptom's caption over its small chart. */
    String esasSymptom(String symptom, Integer latest, String band, Integer previous) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("symptom", symptom);
        scope.put("hasLatest", latest != null);
        scope.put("latest", latest);
        scope.put("band", band);
        scope.put("hasPrevious", previous != null);
        scope.put("previous", previous);
        scope.put("notAnswered", labels.get("proms.notAnswered"));
        return words.label("proms", "esasSymptom", scope);
    }

    private Map<String, String> sentences(String group, Map<String, Object> scope) {
        return sentences(group, scope, KEYS.get(group).toArray(String[]::new));
    }

    private Map<String, String> sentences(String group, Map<String, Object> scope, String... keys) {
        Map<String, String> text = new LinkedHashMap<>();
        for (String key : keys) {
            text.put(key, words.label(group, key, scope));
        }
        return Map.copyOf(text);
    }

    /**
     * The devices, for {@code {{> device-source}}} inside {@code {{#source}}}, as the cards' data line words them; none
     * when no reading was used (a cuffless watch alone).
     */
    private static void putSource(Map<String, Object> scope, Provenance provenance) {
        if (provenance != null && !provenance.source().tiers().isEmpty()) {
            scope.put("source", provenance.source());
        }
    }

    /** The gaps, for {@code {{> trend-gaps}}}. */
    private static void putGaps(Map<String, Object> scope, List<Gap> gaps) {
        scope.put("hasGaps", !gaps.isEmpty());
        scope.put("gaps", listed(gaps, g -> names("from", g.from(), "to", g.to(), "days", g.days())));
    }

    private void putMarkers(Map<String, Object> scope) {
        scope.put("remote", labels.get("proms.remote"));
        scope.put("inClinic", labels.get("proms.inClinic"));
    }

    /** Target or threshold lines with their sources. */
    private static List<Map<String, Object>> lines(List<Band> bands) {
        return listed(bands, b -> names("label", b.label(), "source", b.source()));
    }

    /** Bands with their edges. */
    private static List<Map<String, Object>> ranges(List<? extends Range> bands) {
        return listed(bands, b -> names("label", b.label(), "from", Numbers.oneDecimal(b.from()), "to", Numbers.oneDecimal(b.to())));
    }

    /** Each item's names, and {@code first} on the first, so a partial can join them ({@code {{^first}}, {{/first}}}). */
    private static <T> List<Map<String, Object>> listed(List<T> items, Function<T, Map<String, Object>> names) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (T item : items) {
            Map<String, Object> entry = new LinkedHashMap<>(names.apply(item));
            entry.put("first", listed.isEmpty());
            listed.add(entry);
        }
        return listed;
    }

    /** A scope's names and values, in pairs; a null value is a name the partial finds empty. */
    private static Map<String, Object> names(Object... pairs) {
        Map<String, Object> names = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put((String) pairs[i], pairs[i + 1]);
        }
        return names;
    }

    /** A percentage of time, or null when the report did not give it. */
    private static String percent(double value) {
        return value < 0 ? null : Numbers.oneDecimal(value);
    }
}

package health.flipside.trend;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import health.flipside.cards.CardCatalog;
import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.CardFeedback;
import health.flipside.facts.DataQuality;
import health.flipside.facts.glucose.CgmSummary;
import health.flipside.facts.FactBuilder;
import health.flipside.facts.bp.HomeBloodPressure;
import health.flipside.facts.heartfailure.HeartFailureSummarizer;
import health.flipside.facts.heartfailure.HomeWeight;
import health.flipside.facts.heartfailure.KccqBand;
import health.flipside.facts.heartfailure.KccqChange;
import health.flipside.facts.Measurement;
import health.flipside.facts.Numbers;
import health.flipside.facts.bp.OfficeBloodPressure;
import health.flipside.facts.PatientData;
import health.flipside.facts.proms.EsasAssessment;
import health.flipside.facts.proms.EsasSymptom;
import health.flipside.facts.proms.PromBand;
import health.flipside.facts.proms.PromResult;
import health.flipside.facts.proms.PromScore;
import health.flipside.facts.proms.PromsSummarizer;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.Provenance;
import health.flipside.facts.Thresholds;

/**
 * The trend view of one patient, from the facts the cards are made of: the same extraction, cleaning and summaries
 * ({@link FactBuilder}), so a mean, a count or a time in range on the page is the card's number. Only the plotted
 * points and the hourly profile are added here, from the same cleaned readings the summaries used.
 */
public final class TrendBuilder {
    private static final double[] PERCENTILES = {5, 25, 50, 75, 95};
    private static final String TARGETS_SOURCE = "CGM consensus targets (Battelino 2019), rules/glucose/thresholds.yaml";

    /** The partial that words a reading's device and tier, as the cards' data line does. */
    private static final String DEVICE_SOURCE = "device-source";
    /** The partial that words data the record could not give, as the data-unavailable card does. */
    private static final String UNAVAILABLE_DATA = "unavailable-data";
    /** The partial that words a KCCQ-12 band, as the heart-failure cards do. */
    private static final String KCCQ_BAND = "kccq-band";
    private static final String KCCQ_CHANGE_SIZE = "kccq-change-size";
    private static final String ESAS_SYMPTOM = "esas-symptom";

    private final FactBuilder facts;
    private final Map<String, Thresholds> thresholds;
    private final CardCatalog cards;
    private final TrendWindows windows;
    private final TrendWords words;
    /** The page's titles and labels, worded once: the same for every patient. */
    private final Map<String, String> labels;
    private final TrendSentences sentences;
    /** Each device worded once: a patient's hundreds of readings come from a handful of devices. */
    private final Map<DeviceInfo, String> deviceWords = new ConcurrentHashMap<>();

    public TrendBuilder(Map<String, Thresholds> thresholds, CardCatalog cards) {
        this.facts = new FactBuilder(thresholds, cards::promOverviewNames);
        this.thresholds = Map.copyOf(thresholds);
        this.cards = cards;
        this.windows = new TrendWindows(thresholds);
        this.words = new TrendWords(cards);
        this.labels = words.labels();
        this.sentences = new TrendSentences(words, labels);
    }

    public TrendView build(PatientData data, Instant now) {
        return build(data, facts.build(data, CardFeedback.NONE, now), now);
    }

    /** @param built the facts {@link FactBuilder} made of {@code data} for the rules, and their cleaned readings (reused, not rebuilt) */
    public TrendView build(PatientData data, FactBuilder.Built built, Instant now) {
        List<Object> summaries = built.facts();
        BloodPressureTrend bp = bloodPressure(built.bloodPressure(), summaries, now);
        GlucoseTrend glucose = glucose(built.measurements(), summaries, now);
        WeightTrend weight = weight(built.measurements(), summaries, now);
        KccqTrend kccq = kccq(data, summaries, now);
        List<PromScore> promWindow = windows.promWindow(data, now);
        List<PromTrend> proms = proms(promWindow, summaries);
        EsasTrend esas = esas(promWindow, summaries);
        boolean hasData = bp != null || glucose != null || weight != null || kccq != null || !proms.isEmpty() || esas != null;
        return new TrendView(now.toString(), hasData, bp, glucose, weight, kccq, proms, esas,
                DataQuality.Unavailable.of(data.unavailable()).stream().map(u -> cards.words(UNAVAILABLE_DATA, u)).toList(),
                labels);
    }

    // ---- blood pressure ----------------------------------------------------------------------------------------

    private BloodPressureTrend bloodPressure(List<BloodPressureReading> readings, List<Object> summaries, Instant now) {
        TrendWindows.BloodPressureWindow window = windows.bloodPressureWindow(readings, now);
        if (window.isEmpty()) {
            return null;
        }
        Thresholds t = thresholds.get("bp");
        List<BloodPressureReading> home = window.home();
        List<BloodPressureReading> office = window.office();
        HomeBloodPressure homeSummary = TrendWindows.first(summaries, HomeBloodPressure.class).orElseThrow();
        BloodPressureTrend.Office officeSummary = TrendWindows.first(summaries, OfficeBloodPressure.class)
                .map(o -> new BloodPressureTrend.Office(o.meanSystolic(), o.meanDiastolic(), o.visits(), o.readings(),
                        o.lastVisit(), o.dated())).orElse(null);
        List<Band> targets = List.of(target(t, "homeSystolicTarget", "homeHighSystolic"),
                target(t, "homeDiastolicTarget", "homeHighDiastolic"), target(t, "officeSystolicGoal", "officeHighSystolic"),
                target(t, "officeDiastolicGoal", "officeHighDiastolic"));
        BloodPressureTrend drawn = new BloodPressureTrend(
                home.stream().map(r -> point(r.takenAt(), r.systolic(), r.diastolic(), r.device(),
                        r.device().qualifiesForBloodPressure())).toList(),
                office.stream().map(r -> point(r.takenAt(), r.systolic(), r.diastolic(), r.device(), true)).toList(),
                targets,
                Gap.between(home.stream().map(r -> r.localTime().toLocalDate()).toList()),
                t.getInt("homeWindowDays"),
                new BloodPressureTrend.Home(homeSummary.meanSystolic(), homeSummary.meanDiastolic(), homeSummary.readings(),
                        homeSummary.days(), homeSummary.gateMet(), source(homeSummary.provenance()),
                        homeSummary.provenance() == null ? null : homeSummary.provenance().notUsed()),
                officeSummary, Map.of());
        return drawn.withText(sentences.bloodPressure(drawn, homeSummary.provenance()));
    }

    /** A target line of the bp thresholds: below {@code threshold}, worded by trend-bp's {@code key}. */
    private Band target(Thresholds t, String key, String threshold) {
        return new Band(words.label("bp", key, Map.of("value", t.getInt(threshold))), 0, t.get(threshold), t.source(threshold));
    }

    // ---- glucose -----------------------------------------------------------------------------------------------

    /** The sensor and meter readings of the CGM window, and the card's CGM summary (a vendor report has no readings). */
    private GlucoseTrend glucose(List<Measurement> clean, List<Object> summaries, Instant now) {
        TrendWindows.GlucoseWindow window = windows.glucoseWindow(clean, summaries, now);
        if (window.isEmpty()) {
            return null;
        }
        Thresholds t = thresholds.get("glucose");
        List<Measurement> sensor = window.sensor();
        List<Measurement> meter = window.meter();
        Optional<CgmSummary> cgm = window.cgm();
        GlucoseTrend.TimeInRanges ranges = cgm.map(this::ranges).orElse(null);
        Band target = cgm.map(c -> targetRange(c.targets().rangeLowText(), c.targets().rangeHighText(), c.targets().rangeLow(),
                        c.targets().rangeHigh()))
                .orElse(targetRange(Numbers.whole(t.get("level1Below")), Numbers.whole(t.get("rangeHighAbove")), t.get("level1Below"),
                        t.get("rangeHighAbove")));
        List<LocalDate> days = Stream.concat(sensor.stream(), meter.stream()).map(Measurement::day).toList();
        GlucoseTrend drawn = new GlucoseTrend(profile(sensor), ranges,
                meter.stream().map(m -> point(m.takenAt(), m.value(), null, m.device(), true)).toList(),
                target, Gap.between(days), t.getInt("cgmWindowDays"), Map.of());
        return drawn.withText(sentences.glucose(drawn, cgm.map(CgmSummary::provenance).orElse(null)));
    }

    private Band targetRange(String fromText, String toText, double from, double to) {
        return new Band(words.label("glucose", "targetRange", Map.of("from", fromText, "to", toText)), from, to, TARGETS_SOURCE);
    }

    private GlucoseTrend.TimeInRanges ranges(CgmSummary c) {
        return new GlucoseTrend.TimeInRanges(known(c.veryLow()), minus(c.belowRange(), c.veryLow()), known(c.inRange()),
                minus(c.aboveRange(), c.veryHigh()), known(c.veryHigh()), c.fromVendorReport(), c.interpretable(),
                c.days(), TrendPoint.round1(c.activePercent()), c.targets().group(), c.targets().inRangeTarget(),
                c.targets().belowRangeMax(), c.targets().veryLowMax(), source(c.provenance()));
    }

    /** The AGP: per hour of the (local) day, the 5th, 25th, 50th, 75th and 95th percentile of the sensor readings. */
    static List<GlucoseTrend.ProfileHour> profile(List<Measurement> sensor) {
        Map<Integer, List<Double>> byHour = new TreeMap<>();
        sensor.forEach(m -> byHour.computeIfAbsent(m.localTime().getHour(), h -> new ArrayList<>()).add(m.value()));
        List<GlucoseTrend.ProfileHour> hours = new ArrayList<>();
        byHour.forEach((hour, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] p = Arrays.stream(PERCENTILES).map(q -> TrendPoint.round1(percentile(sorted, q))).toArray();
            hours.add(new GlucoseTrend.ProfileHour(hour, sorted.length, p[0], p[1], p[2], p[3], p[4]));
        });
        return hours;
    }

    /** Linear interpolation between closest ranks (the usual definition, type 7). */
    static double percentile(double[] sorted, double q) {
        double rank = q / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    // ---- weight ------------------------------------------------------------------------------------------------

    private WeightTrend weight(List<Measurement> clean, List<Object> summaries, Instant now) {
        List<Measurement> weights = windows.weightWindow(clean, now);
        if (weights.isEmpty()) {
            return null;
        }
        Thresholds t = thresholds.get("heart-failure");
        Optional<HomeWeight> judged = TrendWindows.first(summaries, HomeWeight.class);
        List<Band> lines = judged.filter(w -> w.baselineLb() > 0).map(w -> List.of(
                new Band(words.label("weight", "baseline", Map.of("value", w.baselineText())), w.baselineLb(), w.baselineLb(),
                        words.label("weight", "baselineSource", Map.of())),
                new Band(words.label("weight", "baselineGain", Map.of("value", Numbers.oneDecimal(t.get("gainVsBaselineLb")))),
                        w.baselineLb() + t.get("gainVsBaselineLb"), w.baselineLb() + t.get("gainVsBaselineLb"),
                        t.source("gainVsBaselineLb")))).orElse(List.of());
        WeightTrend.Summary summary = judged.map(w -> new WeightTrend.Summary(w.mornings(), w.windowDays(), w.gateMet(),
                w.latestLb(), w.baselineLb(), w.gainVsBaselineLb(), w.confirmedDayGainLb(), w.gainAlert(),
                source(w.provenance()))).orElse(null);
        WeightTrend drawn = new WeightTrend(
                weights.stream().map(m -> point(m.takenAt(), m.value() / HomeWeight.KG_PER_LB, null, m.device(), true)).toList(),
                lines, Gap.between(weights.stream().map(Measurement::day).toList()), summary, Map.of());
        return drawn.withText(sentences.weight(drawn, judged.map(HomeWeight::provenance).orElse(null),
                judged.map(HomeWeight::gainVsBaselineText).orElse(null)));
    }

    // ---- KCCQ-12 (heart failure) ------------------------------------------------------------------------------

    /** The KCCQ-12 overall summary scores the heart-failure summary judges a change on. */
    private KccqTrend kccq(PatientData data, List<Object> summaries, Instant now) {
        List<PromScore> scores = windows.kccqWindow(data, now);
        if (scores.isEmpty()) {
            return null;
        }
        Thresholds t = thresholds.get("heart-failure");
        // The card's change, when the summary judged one: its latest is the last score of the same window.
        Optional<KccqChange> change = TrendWindows.first(summaries, KccqChange.class);
        PromScore last = scores.get(scores.size() - 1);
        KccqBand band = change.map(KccqChange::band).orElse(HeartFailureSummarizer.kccqBand(last.score(), t));
        KccqTrend.Latest latest = new KccqTrend.Latest(change.map(KccqChange::latestText).orElse(Numbers.whole(last.score())),
                band, cards.words(KCCQ_BAND, band), change.map(KccqChange::latestOn).orElse(HeartFailureSummarizer.kccqDay(last)),
                change.map(KccqChange::change).orElse(null), change.map(c -> cards.words(KCCQ_CHANGE_SIZE, c.size())).orElse(null));
        List<KccqTrend.ScoreBand> bands = HeartFailureSummarizer.kccqBands(t).stream()
                .map(b -> new KccqTrend.ScoreBand(b.band(), cards.words(KCCQ_BAND, b.band()), b.from(), b.to())).toList();
        Map<String, String> text = sentences.score(labels.get("kccq.series"), false, t.get("kccqSmall"),
                bands, scores.size(),
                new TrendSentences.Latest(latest.scoreText(), latest.band(), latest.completedOn(), latest.change(), latest.changeSize()),
                new TrendSentences.ChangeSizes(t.get("kccqSmall"), t.get("kccqModerate"), t.get("kccqLarge")));
        return new KccqTrend(labels.get("kccq.series"), false, 0, t.get("kccqScoreMax"), t.get("kccqSmall"),
                t.get("kccqModerate"), t.get("kccqLarge"), bands, scores.stream().map(this::promPoint).toList(), latest, text);
    }

    // ---- questionnaires ----------------------------------------------------------------------------------------

    /** The plausible scores of the result lookback. */
    private List<PromTrend> proms(List<PromScore> window, List<Object> summaries) {
        List<PromResult> results = summaries.stream().filter(PromResult.class::isInstance).map(PromResult.class::cast).toList();
        List<PromTrend> trends = new ArrayList<>();
        for (Map.Entry<PromsSummarizer.ScaleView, List<PromScore>> drawn : windows.drawnScales(window).entrySet()) {
            PromsSummarizer.ScaleView scale = drawn.getKey();
            List<TrendPoint> points = drawn.getValue().stream().map(this::promPoint).toList();
            PromTrend.Latest latest = results.stream().filter(r -> r.is(scale.instrument(), scale.scale())).findFirst()
                    .map(r -> new PromTrend.Latest(r.scoreText(), r.band(), cards.promBand(r.band()), r.completedOn(),
                            r.change() == null ? null : r.change().delta()))
                    .orElse(null);
            List<PromTrend.ScoreBand> bands = scale.bands().stream()
                    .map(b -> new PromTrend.ScoreBand(b.band(), cards.promBand(b.band()), b.from(), b.to())).toList();
            Map<String, String> text = sentences.score(scale.name(), scale.higherIsWorse(), scale.mcid(),
                    bands, points.size(),
                    latest == null ? null : new TrendSentences.Latest(latest.scoreText(), latest.band(), latest.completedOn(),
                            latest.change(), null), null);
            trends.add(new PromTrend(scale.name(), scale.higherIsWorse(), scale.min(), scale.max(), scale.mcid(), bands,
                    points, latest, text));
        }
        return trends;
    }

    // ---- ESAS-r ------------------------------------------------------------------------------------------------

    private EsasTrend esas(List<PromScore> promWindow, List<Object> summaries) {
        List<PromScore> ratings = windows.esasWindow(promWindow);
        if (ratings.isEmpty()) {
            return null;
        }
        Thresholds t = thresholds.get("proms");
        Optional<EsasAssessment> card = TrendWindows.first(summaries, EsasAssessment.class);
        List<PromsSummarizer.Band> bands = PromsSummarizer.esasBands(t);
        // The card's symptoms in the card's order (highest first), then those rated only earlier.
        Map<String, EsasAssessment.Item> latest = new LinkedHashMap<>();
        card.ifPresent(c -> c.items().forEach(i -> latest.put(i.symptom().scale(), i)));
        Map<String, List<TrendPoint>> bySymptom = new LinkedHashMap<>();
        latest.keySet().forEach(symptom -> bySymptom.put(symptom, new ArrayList<>()));
        ratings.forEach(p -> bySymptom.computeIfAbsent(p.scale(), s -> new ArrayList<>()).add(promPoint(p)));
        List<EsasTrend.Symptom> symptoms = new ArrayList<>();
        bySymptom.forEach((scale, points) -> {
            EsasAssessment.Item item = latest.get(scale);
            String symptom = EsasSymptom.ofScale(scale).map(s -> cards.words(ESAS_SYMPTOM, s)).orElse(scale);
            Optional<PromBand> band = item == null ? Optional.empty() : bands.stream()
                    .filter(b -> item.score() >= b.from()).reduce((lower, higher) -> higher).map(PromsSummarizer.Band::band);
            Integer latestScore = item == null ? null : item.score();
            String bandWords = band.map(cards::promBand).orElse(null);
            Integer previous = item == null || item.previous() < 0 ? null : item.previous();
            symptoms.add(new EsasTrend.Symptom(symptom, points, latestScore, band.orElse(null), bandWords, previous,
                    sentences.esasSymptom(symptom, latestScore, bandWords, previous)));
        });
        EsasTrend drawn = new EsasTrend(labels.get("proms.esasTitle"), t.get("esasScoreMax"), t.get("esasItemMcid"),
                bands.stream().map(b -> new PromTrend.ScoreBand(b.band(), cards.promBand(b.band()), b.from(), b.to())).toList(),
                card.map(EsasAssessment::completedOn).orElse(null), card.map(EsasAssessment::previousOn).orElse(null), symptoms,
                Map.of());
        long forms = ratings.stream().map(PromScore::completedAt).distinct().count();
        return drawn.withText(sentences.esas(drawn, (int) forms));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private String source(Provenance provenance) {
        return provenance == null ? null : cards.words(DEVICE_SOURCE, provenance.source());
    }

    private TrendPoint point(Instant time, double value, Double value2, DeviceInfo device, boolean used) {
        return TrendPoint.of(time, value, value2, device.tier().code(), deviceWords.computeIfAbsent(device,
                d -> cards.words(DEVICE_SOURCE, DeviceSource.of(List.of(d)))), used);
    }

    /** A questionnaire score, marked by where it was completed (tier R remote, K in clinic). */
    private TrendPoint promPoint(PromScore p) {
        return new TrendPoint(p.completedAt().toString(), p.score(), null, p.remote() ? "R" : "K",
                labels.get(p.remote() ? "proms.remote" : "proms.inClinic"), true);
    }

    private static double known(double percent) {
        return percent < 0 ? -1 : TrendPoint.round1(percent);
    }

    private static double minus(double all, double part) {
        return all < 0 || part < 0 ? -1 : TrendPoint.round1(all - part);
    }
}

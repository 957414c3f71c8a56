package health.flipside.trend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import health.flipside.cards.CardCatalog;
import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.CardFeedback;
import health.flipside.facts.glucose.CgmSummary;
import health.flipside.facts.FactBuilder;
import health.flipside.facts.bp.HomeBloodPressure;
import health.flipside.facts.heartfailure.HomeWeight;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.bp.OfficeBloodPressure;
import health.flipside.facts.PatientData;
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

    private final FactBuilder facts;
    private final Map<String, Thresholds> thresholds;
    private final CardCatalog cards;

    public TrendBuilder(Map<String, Thresholds> thresholds, CardCatalog cards) {
        this.facts = new FactBuilder(thresholds);
        this.thresholds = Map.copyOf(thresholds);
        this.cards = cards;
    }

    public TrendView build(PatientData data, Instant now) {
        return build(data, facts.facts(data, CardFeedback.NONE, now), now);
    }

    /** @param summaries the facts {@link FactBuilder} made of {@code data} for the rules (reused, not rebuilt) */
    public TrendView build(PatientData data, List<Object> summaries, Instant now) {
        List<Measurement> clean = facts.cleanStreams(data).measurements();
        BloodPressureTrend bp = bloodPressure(facts.cleanBloodPressure(data), summaries, now);
        GlucoseTrend glucose = glucose(clean, summaries, now);
        WeightTrend weight = weight(clean, summaries, now);
        List<PromTrend> proms = proms(data, summaries, now);
        boolean hasData = bp != null || glucose != null || weight != null || !proms.isEmpty();
        return new TrendView(now.toString(), hasData, bp, glucose, weight, proms, data.unavailable());
    }

    // ---- blood pressure ----------------------------------------------------------------------------------------

    private BloodPressureTrend bloodPressure(List<BloodPressureReading> readings, List<Object> summaries, Instant now) {
        Thresholds t = thresholds.get("bp");
        int windowDays = t.getInt("homeWindowDays");
        Instant homeStart = now.minus(Duration.ofDays(windowDays));
        Instant officeStart = now.minus(Duration.ofDays(t.getInt("officeLookbackDays")));
        List<BloodPressureReading> home = readings.stream().filter(BloodPressureReading::isHome)
                .filter(r -> !r.takenAt().isBefore(homeStart) && !r.takenAt().isAfter(now)).toList();
        List<BloodPressureReading> office = readings.stream().filter(r -> !r.isHome())
                .filter(r -> !r.takenAt().isBefore(officeStart) && !r.takenAt().isAfter(now)).toList();
        if (home.isEmpty() && office.isEmpty()) {
            return null;
        }
        HomeBloodPressure homeSummary = first(summaries, HomeBloodPressure.class).orElseThrow();
        BloodPressureTrend.Office officeSummary = first(summaries, OfficeBloodPressure.class)
                .map(o -> new BloodPressureTrend.Office(o.meanSystolic(), o.meanDiastolic(), o.visits(), o.readings(),
                        o.lastVisit(), o.dated())).orElse(null);
        List<Band> targets = List.of(
                new Band("home systolic target below " + t.getInt("homeHighSystolic"), 0, t.get("homeHighSystolic"), t.source("homeHighSystolic")),
                new Band("home diastolic target below " + t.getInt("homeHighDiastolic"), 0, t.get("homeHighDiastolic"), t.source("homeHighDiastolic")),
                new Band("office systolic goal below " + t.getInt("officeHighSystolic"), 0, t.get("officeHighSystolic"), t.source("officeHighSystolic")),
                new Band("office diastolic goal below " + t.getInt("officeHighDiastolic"), 0, t.get("officeHighDiastolic"), t.source("officeHighDiastolic")));
        return new BloodPressureTrend(
                home.stream().map(r -> point(r.takenAt(), r.systolic(), r.diastolic(), r.device(),
                        r.device().qualifiesForBloodPressure())).toList(),
                office.stream().map(r -> point(r.takenAt(), r.systolic(), r.diastolic(), r.device(), true)).toList(),
                targets,
                Gap.between(home.stream().map(r -> r.localTime().toLocalDate()).toList()),
                windowDays,
                new BloodPressureTrend.Home(homeSummary.meanSystolic(), homeSummary.meanDiastolic(), homeSummary.readings(),
                        homeSummary.days(), homeSummary.gateMet(), source(homeSummary.provenance()),
                        homeSummary.provenance() == null ? null : homeSummary.provenance().notUsed()),
                officeSummary);
    }

    // ---- glucose -----------------------------------------------------------------------------------------------

    private GlucoseTrend glucose(List<Measurement> clean, List<Object> summaries, Instant now) {
        Thresholds t = thresholds.get("glucose");
        int windowDays = t.getInt("cgmWindowDays");
        Instant start = now.minus(Duration.ofDays(windowDays));
        List<Measurement> sensor = inWindow(clean, Metric.SENSOR_GLUCOSE, start, now);
        List<Measurement> meter = inWindow(clean, Metric.GLUCOSE, start, now);
        Optional<CgmSummary> cgm = first(summaries, CgmSummary.class);
        if (sensor.isEmpty() && meter.isEmpty() && cgm.isEmpty()) {
            return null;
        }
        GlucoseTrend.TimeInRanges ranges = cgm.map(this::ranges).orElse(null);
        Band target = cgm.map(c -> new Band("target range " + c.targets().rangeLowText() + "–" + c.targets().rangeHighText(), c.targets().rangeLow(),
                        c.targets().rangeHigh(), TARGETS_SOURCE))
                .orElse(new Band("target range 70–180 mg/dL", t.get("level1Below"), t.get("rangeHighAbove"), TARGETS_SOURCE));
        List<LocalDate> days = Stream.concat(sensor.stream(), meter.stream()).map(Measurement::day).toList();
        return new GlucoseTrend(profile(sensor), ranges,
                meter.stream().map(m -> point(m.takenAt(), m.value(), null, m.device(), true)).toList(),
                target, Gap.between(days), windowDays);
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
        Thresholds t = thresholds.get("heart-failure");
        Instant start = now.minus(Duration.ofDays(t.getInt("baselineFromDaysAgo") + 1L));
        List<Measurement> weights = inWindow(clean, Metric.BODY_WEIGHT, start, now);
        if (weights.isEmpty()) {
            return null;
        }
        Optional<HomeWeight> judged = first(summaries, HomeWeight.class);
        List<Band> lines = judged.filter(w -> w.baselineLb() > 0).map(w -> List.of(
                new Band("baseline " + w.baselineText() + " lb", w.baselineLb(), w.baselineLb(), "median morning weight of the baseline days"),
                new Band("baseline + " + health.flipside.facts.Numbers.oneDecimal(t.get("gainVsBaselineLb")) + " lb", w.baselineLb() + t.get("gainVsBaselineLb"),
                        w.baselineLb() + t.get("gainVsBaselineLb"), t.source("gainVsBaselineLb")))).orElse(List.of());
        WeightTrend.Summary summary = judged.map(w -> new WeightTrend.Summary(w.mornings(), w.windowDays(), w.gateMet(),
                w.latestLb(), w.baselineLb(), w.gainVsBaselineLb(), w.confirmedDayGainLb(), w.gainAlert(),
                source(w.provenance()))).orElse(null);
        return new WeightTrend(
                weights.stream().map(m -> point(m.takenAt(), m.value() / HomeWeight.KG_PER_LB, null, m.device(), true)).toList(),
                lines, Gap.between(weights.stream().map(Measurement::day).toList()), summary);
    }

    // ---- questionnaires ----------------------------------------------------------------------------------------

    private List<PromTrend> proms(PatientData data, List<Object> summaries, Instant now) {
        Thresholds t = thresholds.get("proms");
        Instant start = now.minus(Duration.ofDays(t.getInt("resultLookbackDays")));
        List<PromScore> scores = PromsSummarizer.plausible(data.proms(), t, now).stream()
                .filter(p -> !p.completedAt().isBefore(start)).toList();
        List<PromResult> results = summaries.stream().filter(PromResult.class::isInstance).map(PromResult.class::cast).toList();
        List<PromTrend> trends = new ArrayList<>();
        for (PromsSummarizer.ScaleView scale : PromsSummarizer.scaleViews(t)) {
            List<TrendPoint> points = scores.stream().filter(p -> p.is(scale.instrument(), scale.scale()))
                    .map(p -> new TrendPoint(p.completedAt().toString(), p.score(), null, p.remote() ? "R" : "K",
                            p.remote() ? "self-completed remotely (portal or app)" : "completed in clinic", true))
                    .toList();
            if (points.isEmpty()) {
                continue;
            }
            PromTrend.Latest latest = results.stream().filter(r -> r.is(scale.instrument(), scale.scale())).findFirst()
                    .map(r -> new PromTrend.Latest(r.scoreText(), r.band(), r.completedOn(),
                            r.change() == null ? null : r.change().delta()))
                    .orElse(null);
            trends.add(new PromTrend(scale.name(), scale.higherIsWorse(), scale.min(), scale.max(), scale.mcid(),
                    scale.bands(), points, latest));
        }
        return trends;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static List<Measurement> inWindow(List<Measurement> measurements, Metric metric, Instant from, Instant to) {
        return measurements.stream().filter(m -> m.metric() == metric && m.within(from, to)).toList();
    }

    private static <T> Optional<T> first(List<Object> summaries, Class<T> type) {
        return summaries.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private String source(Provenance provenance) {
        return provenance == null ? null : cards.words(DEVICE_SOURCE, provenance.source());
    }

    private TrendPoint point(Instant time, double value, Double value2, DeviceInfo device, boolean used) {
        return TrendPoint.of(time, value, value2, device.tier().code(),
                cards.words(DEVICE_SOURCE, DeviceSource.of(List.of(device))), used);
    }

    private static double known(double percent) {
        return percent < 0 ? -1 : TrendPoint.round1(percent);
    }

    private static double minus(double all, double part) {
        return all < 0 || part < 0 ? -1 : TrendPoint.round1(all - part);
    }
}

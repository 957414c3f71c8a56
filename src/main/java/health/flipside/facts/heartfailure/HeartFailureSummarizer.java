package health.flipside.facts.heartfailure;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.Coverage;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import health.flipside.facts.Thresholds;
import health.flipside.facts.TopicSummarizer;
import health.flipside.facts.Trends;
import health.flipside.facts.proms.PromScore;
import health.flipside.facts.provenance.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Heart failure (docs/clinical-sources.md, heart failure): home morning weights against the personal baseline
 * (confirmed 24 h gain,
 * gain vs baseline, loss on diuretics) and the KCCQ-12 overall summary change. Weight rules apply to patients with
 * heart failure on the problem list only: a smart scale in anyone else's home is not a fluid monitor. Every number is
 * a threshold of {@code rules/heart-failure/thresholds.yaml}.
 */
public final class HeartFailureSummarizer implements TopicSummarizer {
    public static final String TOPIC = "heart-failure";
    public static final List<String> REQUIRED_THRESHOLDS = List.of("morningBeforeHour", "recentWindowDays", "morningWeightsMin",
            "baselineFromDaysAgo", "baselineToDaysAgo", "baselineDaysMin", "dayGainLb", "gainVsBaselineLb", "lossLb",
            "lossWindowDays", "kccqMinIntervalDays", "kccqLookbackDays", "kccqRecentDays", "kccqSmall", "kccqModerate",
            "kccqLarge", "kccqBandPoor", "kccqBandFair", "kccqBandGood", "kccqScoreMax");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final double LB_PER_KG = 1 / HomeWeight.KG_PER_LB;

    @Override
    public List<Object> facts(PatientData data, Thresholds t, Instant now) {
        List<Object> facts = new ArrayList<>();
        if (data.context().has("heart-failure")) {
            weight(data.of(Metric.BODY_WEIGHT), data.context(), t, now).ifPresent(facts::add);
        }
        kccq(kccqWindow(data, t, now), t, now).ifPresent(facts::add);
        return facts;
    }

    private Optional<HomeWeight> weight(List<Measurement> weights, ClinicalContext context, Thresholds t, Instant now) {
        int window = t.getInt("recentWindowDays");
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = Trends.today(weights, now);
        List<Measurement> morning = weights.stream().filter(m -> !m.takenAt().isAfter(now))
                .filter(m -> m.localTime().getHour() < t.getInt("morningBeforeHour"))
                .filter(m -> !m.day().isBefore(today.minusDays(t.getInt("baselineFromDaysAgo")))).toList();
        LocalDate windowStart = today.minusDays(window - 1L);
        if (morning.stream().noneMatch(m -> !m.day().isBefore(windowStart))) {
            return Optional.empty();
        }
        // A scale change resets the baseline: only the latest scale's weights are compared with each other.
        String scale = morning.get(morning.size() - 1).deviceId();
        boolean scaleChanged = morning.stream().anyMatch(m -> !java.util.Objects.equals(m.deviceId(), scale));
        List<Measurement> sameScale = morning.stream().filter(m -> java.util.Objects.equals(m.deviceId(), scale)).toList();
        NavigableMap<LocalDate, Double> daily = Trends.daily(sameScale);
        daily.replaceAll((day, kg) -> kg * LB_PER_KG);
        NavigableMap<LocalDate, Double> recent = daily.subMap(windowStart, true, today, true);
        NavigableMap<LocalDate, Double> baselineDays = daily.subMap(today.minusDays(t.getInt("baselineFromDaysAgo")), true,
                today.minusDays(t.getInt("baselineToDaysAgo")), true);
        boolean hasBaseline = baselineDays.size() >= t.getInt("baselineDaysMin");
        boolean gateMet = recent.size() >= t.getInt("morningWeightsMin") && hasBaseline;
        double latest = recent.lastEntry().getValue();
        double baseline = hasBaseline ? Trends.median(baselineDays.values()) : -1;
        double gain = hasBaseline ? latest - baseline : 0;

        // A day-on-day gain counts when the next morning is still at least that far above the day before it.
        double dayGain = 0;
        String dayGainOn = null;
        for (LocalDate day : recent.keySet()) {
            Double before = daily.get(day.minusDays(1));
            Double next = daily.get(day.plusDays(1));
            double step = before == null ? 0 : recent.get(day) - before;
            if (before != null && next != null && step >= t.get("dayGainLb") && next - before >= t.get("dayGainLb")) {
                dayGain = step;
                dayGainOn = day.format(DAY);
            }
        }
        Double lossStart = daily.get(recent.lastKey().minusDays(t.getInt("lossWindowDays")));
        double loss = lossStart != null && context.takes("diuretic") && lossStart - latest >= t.get("lossLb") ? lossStart - latest : 0;
        boolean alert = gateMet && (dayGain > 0 || gain >= t.get("gainVsBaselineLb"));
        List<Measurement> used = sameScale.stream().filter(m -> !m.day().isBefore(windowStart)).toList();
        Provenance provenance = Coverage.of(used, window, scaleChanged ? Provenance.NotUsed.EARLIER_SCALE : null);
        return Optional.of(new HomeWeight(recent.size(), window, gateMet, scaleChanged, latest, baseline, gain, dayGain,
                dayGainOn, alert, loss, Coverage.longestGapDays(daily.keySet()), provenance));
    }

    /** The latest recent KCCQ-12 against the latest one at least the minimum interval before it. */
    private Optional<KccqChange> kccq(List<PromScore> inRange, Thresholds t, Instant now) {
        if (inRange.isEmpty()) {
            return Optional.empty();
        }
        PromScore latest = inRange.get(inRange.size() - 1);
        if (latest.completedAt().isBefore(now.minus(Duration.ofDays(t.getInt("kccqRecentDays"))))) {
            return Optional.empty();
        }
        Instant cutoff = latest.completedAt().minus(Duration.ofDays(t.getInt("kccqMinIntervalDays")));
        Optional<PromScore> previous = inRange.stream().filter(s -> !s.completedAt().isAfter(cutoff))
                .max(Comparator.comparing(PromScore::completedAt));
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        // To 0.01: binary subtraction makes 40.3 − 30.3 = 9.999…, which would miss a threshold of 10.
        double change = Math.round((latest.score() - previous.get().score()) * 100) / 100.0;
        double size = Math.abs(change);
        KccqChangeSize category = size >= t.get("kccqLarge") ? KccqChangeSize.LARGE
                : size >= t.get("kccqModerate") ? KccqChangeSize.MODERATE
                : size >= t.get("kccqSmall") ? KccqChangeSize.SMALL : KccqChangeSize.NONE;
        return Optional.of(new KccqChange(latest.score(), kccqDay(latest), latest.remote(),
                previous.get().score(), kccqDay(previous.get()), change, category, kccqBand(latest.score(), t)));
    }

    /**
     * The KCCQ-12 overall summary scores of the look-back ({@code kccqLookbackDays}), oldest first: the scores the
     * change is judged on and the trend view draws.
     */
    public static List<PromScore> kccqWindow(PatientData data, Thresholds t, Instant now) {
        Instant start = now.minus(Duration.ofDays(t.getInt("kccqLookbackDays")));
        return data.scores("KCCQ-12", "overall summary").stream()
                .filter(s -> !s.completedAt().isAfter(now) && s.completedAt().isAfter(start)).toList();
    }

    /** The local day of an administration as the cards date it: "18 Nov". */
    public static String kccqDay(PromScore score) {
        return score.localTime().format(DAY);
    }

    /** One interpretation band on the 0–{@code kccqScoreMax} axis: from {@code from} up to {@code to}. */
    public record KccqRange(KccqBand band, double from, double to) {
    }

    /** The interpretation bands, worst first, from the cut points of rules/heart-failure/thresholds.yaml. */
    public static List<KccqRange> kccqBands(Thresholds t) {
        return List.of(new KccqRange(KccqBand.VERY_POOR_TO_POOR, 0, t.get("kccqBandPoor")),
                new KccqRange(KccqBand.POOR_TO_FAIR, t.get("kccqBandPoor"), t.get("kccqBandFair")),
                new KccqRange(KccqBand.FAIR_TO_GOOD, t.get("kccqBandFair"), t.get("kccqBandGood")),
                new KccqRange(KccqBand.GOOD_TO_EXCELLENT, t.get("kccqBandGood"), t.get("kccqScoreMax")));
    }

    /** The band a score is read into: a score on a cut point belongs to the band above it. */
    public static KccqBand kccqBand(double score, Thresholds t) {
        List<KccqRange> bands = kccqBands(t);
        return bands.stream().filter(b -> score < b.to()).findFirst().orElse(bands.get(bands.size() - 1)).band();
    }
}

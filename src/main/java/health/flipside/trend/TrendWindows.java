package health.flipside.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import health.flipside.facts.FactBuilder;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import health.flipside.facts.Thresholds;
import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.glucose.CgmSummary;
import health.flipside.facts.heartfailure.HeartFailureSummarizer;
import health.flipside.facts.proms.PromScore;
import health.flipside.facts.proms.PromsSummarizer;

/**
 * Which readings each section of the trend view draws: the windows of the thresholds the cards use. The view draws
 * them ({@link TrendBuilder}); the pipeline asks on every call only whether a section would have any, to decide which
 * cards link to the view, so this holds nothing but the thresholds and is made once per loaded content.
 */
public final class TrendWindows {
    private final Map<String, Thresholds> thresholds;

    public TrendWindows(Map<String, Thresholds> thresholds) {
        this.thresholds = Map.copyOf(thresholds);
    }

    /**
     * The rule topics ("bp", "glucose", "heart-failure", "proms") the view has a chart for: the sections
     * {@link TrendBuilder#build(PatientData, FactBuilder.Built, Instant)} draws, chosen by the same selections without drawing them,
     * since the cards ask on every call which of them may link to the view.
     */
    public Set<String> topics(PatientData data, FactBuilder.Built built, Instant now) {
        Set<String> topics = new HashSet<>();
        if (!bloodPressureWindow(built.bloodPressure(), now).isEmpty()) {
            topics.add("bp");
        }
        if (!glucoseWindow(built.measurements(), built.facts(), now).isEmpty()) {
            topics.add("glucose");
        }
        if (!weightWindow(built.measurements(), now).isEmpty() || !kccqWindow(data, now).isEmpty()) {
            topics.add("heart-failure");
        }
        List<PromScore> promWindow = promWindow(data, now);
        if (!drawnScales(promWindow).isEmpty() || !esasWindow(promWindow).isEmpty()) {
            topics.add("proms");
        }
        return topics;
    }

    /** The home readings of the home window and the office readings of the office lookback. */
    record BloodPressureWindow(List<BloodPressureReading> home, List<BloodPressureReading> office) {
        boolean isEmpty() {
            return home.isEmpty() && office.isEmpty();
        }
    }

    BloodPressureWindow bloodPressureWindow(List<BloodPressureReading> readings, Instant now) {
        Thresholds t = thresholds.get("bp");
        Instant homeStart = now.minus(Duration.ofDays(t.getInt("homeWindowDays")));
        Instant officeStart = now.minus(Duration.ofDays(t.getInt("officeLookbackDays")));
        return new BloodPressureWindow(
                readings.stream().filter(BloodPressureReading::isHome)
                        .filter(r -> !r.takenAt().isBefore(homeStart) && !r.takenAt().isAfter(now)).toList(),
                readings.stream().filter(r -> !r.isHome())
                        .filter(r -> !r.takenAt().isBefore(officeStart) && !r.takenAt().isAfter(now)).toList());
    }

    record GlucoseWindow(List<Measurement> sensor, List<Measurement> meter, Optional<CgmSummary> cgm) {
        boolean isEmpty() {
            return sensor.isEmpty() && meter.isEmpty() && cgm.isEmpty();
        }
    }

    GlucoseWindow glucoseWindow(List<Measurement> clean, List<Object> summaries, Instant now) {
        Instant start = now.minus(Duration.ofDays(thresholds.get("glucose").getInt("cgmWindowDays")));
        return new GlucoseWindow(inWindow(clean, Metric.SENSOR_GLUCOSE, start, now), inWindow(clean, Metric.GLUCOSE, start, now),
                first(summaries, CgmSummary.class));
    }

    /** The weights from the day before the baseline began to now. */
    List<Measurement> weightWindow(List<Measurement> clean, Instant now) {
        Instant start = now.minus(Duration.ofDays(thresholds.get("heart-failure").getInt("baselineFromDaysAgo") + 1L));
        return inWindow(clean, Metric.BODY_WEIGHT, start, now);
    }

    List<PromScore> kccqWindow(PatientData data, Instant now) {
        return HeartFailureSummarizer.kccqWindow(data, thresholds.get("heart-failure"), now);
    }

    List<PromScore> promWindow(PatientData data, Instant now) {
        Thresholds t = thresholds.get("proms");
        Instant start = now.minus(Duration.ofDays(t.getInt("resultLookbackDays")));
        return PromsSummarizer.plausible(data.proms(), t, now).stream().filter(p -> !p.completedAt().isBefore(start)).toList();
    }

    /** Each scale the view draws, with its scores, in the order of the scale views; a scale without scores is left out. */
    Map<PromsSummarizer.ScaleView, List<PromScore>> drawnScales(List<PromScore> scores) {
        Map<PromsSummarizer.ScaleView, List<PromScore>> drawn = new LinkedHashMap<>();
        for (PromsSummarizer.ScaleView scale : PromsSummarizer.scaleViews(thresholds.get("proms"))) {
            List<PromScore> ofScale = scores.stream().filter(p -> p.is(scale.instrument(), scale.scale())).toList();
            if (!ofScale.isEmpty()) {
                drawn.put(scale, ofScale);
            }
        }
        return drawn;
    }

    /** The ESAS-r ratings of the questionnaire window, one per symptom and administration. */
    List<PromScore> esasWindow(List<PromScore> promWindow) {
        return promWindow.stream().filter(p -> p.instrument().equals(PromsSummarizer.ESAS)).toList();
    }

    private static List<Measurement> inWindow(List<Measurement> measurements, Metric metric, Instant from, Instant to) {
        return measurements.stream().filter(m -> m.metric() == metric && m.within(from, to)).toList();
    }

    /** The first summary of a type: each topic gives at most one of each. */
    static <T> Optional<T> first(List<Object> summaries, Class<T> type) {
        return summaries.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}

package health.flipside.facts.glucose;

import health.flipside.facts.Coverage;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import health.flipside.facts.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The high side of glucose (docs/clinical-sources.md, glucose and CGM, safety net): sustained high meter readings, and
 * the patient's own
 * ketone results read beside their glucose (ADA: in type 1 diabetes check ketones when glucose is persistently above
 * 240–250 mg/dL [S]). Level 2 hyperglycaemia on CGM is a verdict of {@link CgmSummary}. Every number is a threshold
 * of {@code rules/glucose/thresholds.yaml}.
 */
final class Hyperglycaemia {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private Hyperglycaemia() {
    }

    /** Meter readings above meterHighAbove on at least meterHighDaysMin days of the window, or empty. */
    static Optional<MeterHighs> meterHighs(List<Measurement> meter, Thresholds t, Instant now) {
        int windowDays = t.getInt("meterHighWindowDays");
        Instant since = now.minus(Duration.ofDays(windowDays));
        List<Measurement> recent = meter.stream().filter(m -> m.within(since, now)).toList();
        List<Measurement> highs = recent.stream().filter(m -> m.value() > t.get("meterHighAbove")).toList();
        int days = new TreeSet<>(highs.stream().map(Measurement::day).toList()).size();
        if (highs.isEmpty() || days < t.getInt("meterHighDaysMin")) {
            return Optional.empty();
        }
        Measurement highest = highs.stream().max(Comparator.comparingDouble(Measurement::value)).orElseThrow();
        return Optional.of(new MeterHighs(highs.size(), days, highest.value(), highest.localTime().format(TIME),
                Coverage.of(recent, windowDays, null)));
    }

    /** The latest ketone result of the window with the glucose around it; {@link Ketones#NONE} without one. */
    static Ketones ketones(PatientData data, Thresholds t, Instant now) {
        int windowDays = t.getInt("ketoneWindowDays");
        Instant since = now.minus(Duration.ofDays(windowDays));
        Optional<Measurement> latest = data.measurements().stream()
                .filter(m -> m.metric() == Metric.BLOOD_KETONES || m.metric() == Metric.URINE_KETONES)
                .filter(m -> m.within(since, now)).max(Comparator.comparing(Measurement::takenAt));
        if (latest.isEmpty()) {
            return Ketones.NONE;
        }
        Measurement ketone = latest.get();
        boolean blood = ketone.metric() == Metric.BLOOD_KETONES;
        boolean elevated = blood ? ketone.value() >= t.get("bloodKetoneElevated")
                : ketone.value() >= t.get("urineKetoneElevatedLevel");
        Duration around = Duration.ofHours(t.getInt("ketoneGlucoseHours"));
        List<Measurement> highGlucose = data.measurements().stream()
                .filter(m -> m.metric() == Metric.GLUCOSE || m.metric() == Metric.SENSOR_GLUCOSE)
                .filter(m -> m.within(ketone.takenAt().minus(around), ketone.takenAt().plus(around)))
                .filter(m -> m.value() > t.get("ketoneGlucoseAbove")).toList();
        double highest = highGlucose.stream().mapToDouble(Measurement::value).max().orElse(-1);
        List<Measurement> used = new ArrayList<>(highGlucose);
        used.add(ketone);
        return new Ketones(true, blood, ketone.value(), ketone.localTime().format(TIME), elevated,
                !highGlucose.isEmpty(), highest, data.context().has("type-1-diabetes"), Coverage.of(used, windowDays, null));
    }
}

package health.flipside.facts.glucose;

import health.flipside.facts.Coverage;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.Numbers;
import health.flipside.facts.PatientContext;
import health.flipside.facts.PatientData;
import health.flipside.facts.ReadingTime;
import health.flipside.facts.Thresholds;
import health.flipside.facts.TopicSummarizer;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Glucose (docs/clinical-sources.md, glucose and CGM): the CGM consensus metrics — from the vendor's report when one
 * came, else
 * computed from raw sensor readings with exactly the 54/70/180/250 mg/dL boundaries — behind the 14-day / 70 % wear
 * gate; same-day hypoglycaemia safety items; recent low meter readings. Every number is a threshold of
 * {@code rules/glucose/thresholds.yaml}.
 */
public final class GlucoseSummarizer implements TopicSummarizer {
    public static final String TOPIC = "glucose";
    public static final List<String> REQUIRED_THRESHOLDS = List.of("cgmWindowDays", "cgmMinDays", "cgmMinActivePercent",
            "reportLookbackDays", "inRangeTarget", "belowRangeMax", "veryLowMax", "veryHighMax", "cvMax",
            "level1Below", "level2Below", "rangeHighAbove", "rangeVeryHighAbove", "gmiIntercept", "gmiSlope",
            "severeWindowDays", "severeLevel2DaysMin", "lowsWindowDays", "severeHighAbove", "severeHighWindowHours",
            "severeHighSustainedMinutes", "severeHighMaxGapHours",
            // level 2 events from raw readings, report dating, level 2 hyperglycaemia, meter highs, ketones
            "eventMinMinutes", "eventGapFactor", "reportCurrentDays", "aboveRangeMax",
            "meterHighAbove", "meterHighDaysMin", "meterHighWindowDays", "ketoneWindowDays", "ketoneGlucoseAbove",
            "ketoneGlucoseHours", "bloodKetoneElevated", "urineKetoneElevatedLevel");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final List<Metric> REPORT_METRICS = List.of(Metric.CGM_TIME_VERY_LOW, Metric.CGM_TIME_LOW,
            Metric.CGM_TIME_IN_RANGE, Metric.CGM_TIME_HIGH, Metric.CGM_TIME_VERY_HIGH, Metric.CGM_CV, Metric.CGM_GMI,
            Metric.CGM_MEAN_GLUCOSE, Metric.CGM_DAYS_WORN, Metric.CGM_SENSOR_ACTIVE);

    @Override
    public List<Object> facts(PatientData data, Thresholds t, Instant now) {
        List<Object> facts = new ArrayList<>();
        Optional<CgmSummary> report = vendorReport(data, t, now);
        (report.isPresent() ? report : computed(data.of(Metric.SENSOR_GLUCOSE), data.patient(), t, now)).ifPresent(facts::add);
        severe(data, t, now).ifPresent(facts::add);
        meterLows(data.of(Metric.GLUCOSE), t, now).ifPresent(facts::add);
        veryHigh(data, t, now).ifPresent(facts::add);
        Hyperglycaemia.meterHighs(data.of(Metric.GLUCOSE), t, now).ifPresent(facts::add);
        facts.add(Hyperglycaemia.ketones(data, t, now));
        return facts;
    }

    /**
     * Readings above the severe-high limit in the recent window, from any source (the safety net): sustained, or
     * in type 1 diabetes on insulin. "Sustained" = a run of consecutive readings (meter or sensor, in time order)
     * all above the limit, lasting at least the configured minutes, with no gap longer than the configured hours.
     */
    private Optional<VeryHighGlucose> veryHigh(PatientData data, Thresholds t, Instant now) {
        Instant since = now.minus(Duration.ofHours(t.getInt("severeHighWindowHours")));
        List<Measurement> recent = new ArrayList<>();
        List.of(Metric.GLUCOSE, Metric.SENSOR_GLUCOSE).forEach(metric -> data.of(metric).stream()
                .filter(m -> m.within(since, now)).forEach(recent::add));
        recent.sort(Comparator.comparing(Measurement::takenAt));
        double limit = t.get("severeHighAbove");
        List<Measurement> high = recent.stream().filter(m -> m.value() > limit).toList();
        if (high.isEmpty()) {
            return Optional.empty();
        }
        Duration longest = Duration.ZERO;
        Measurement runStart = null;
        Measurement previous = null;
        Duration maxGap = Duration.ofHours(t.getInt("severeHighMaxGapHours"));
        for (Measurement m : recent) {
            boolean above = m.value() > limit;
            if (!above || (previous != null && Duration.between(previous.takenAt(), m.takenAt()).compareTo(maxGap) > 0)) {
                runStart = above ? m : null;
            } else if (runStart == null) {
                runStart = m;
            }
            if (runStart != null) {
                Duration run = Duration.between(runStart.takenAt(), m.takenAt());
                longest = run.compareTo(longest) > 0 ? run : longest;
            }
            previous = m;
        }
        boolean sustained = longest.toMinutes() >= t.getInt("severeHighSustainedMinutes");
        boolean type1OnInsulin = data.context().has("type-1-diabetes") && data.context().takes("insulin");
        if (!sustained && !type1OnInsulin) {
            return Optional.empty();
        }
        Measurement highest = high.stream().max(Comparator.comparingDouble(Measurement::value)).orElseThrow();
        List<DeviceInfo> devices = high.stream().map(Measurement::device).toList();
        return Optional.of(new VeryHighGlucose(highest.value(), ReadingTime.of(highest, now), high.size(),
                longest.toHours(), sustained, type1OnInsulin, devices.stream().allMatch(d -> d.tier().isValidated()),
                Coverage.source(devices), Coverage.of(high, Math.max(1, t.getInt("severeHighWindowHours") / 24), null)));
    }

    /** The latest vendor report in the look-back: every report metric dated with the latest report's end. */
    private Optional<CgmSummary> vendorReport(PatientData data, Thresholds t, Instant now) {
        Instant since = now.minus(Duration.ofDays(t.getInt("reportLookbackDays")));
        List<Measurement> all = data.measurements().stream().filter(m -> REPORT_METRICS.contains(m.metric()))
                .filter(m -> m.within(since, now)).toList();
        Optional<Instant> latest = all.stream().filter(m -> m.metric() == Metric.CGM_TIME_IN_RANGE)
                .map(Measurement::takenAt).max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Map<Metric, Measurement> values = new EnumMap<>(Metric.class);
        all.stream().filter(m -> m.takenAt().equals(latest.get())).forEach(m -> values.putIfAbsent(m.metric(), m));
        Measurement tir = values.get(Metric.CGM_TIME_IN_RANGE);
        double days = value(values, Metric.CGM_DAYS_WORN);
        if (days < 0 && tir.periodStart() != null) {
            days = Duration.between(tir.periodStart(), tir.takenAt()).toHours() / 24.0;
        }
        double veryLow = value(values, Metric.CGM_TIME_VERY_LOW);
        double low = value(values, Metric.CGM_TIME_LOW);
        double high = value(values, Metric.CGM_TIME_HIGH);
        double veryHigh = value(values, Metric.CGM_TIME_VERY_HIGH);
        double gmi = value(values, Metric.CGM_GMI);
        double mean = value(values, Metric.CGM_MEAN_GLUCOSE);
        if (gmi < 0 && mean >= 0) {
            gmi = t.get("gmiIntercept") + t.get("gmiSlope") * mean;
        }
        double active = value(values, Metric.CGM_SENSOR_ACTIVE);
        List<DeviceInfo> devices = values.values().stream().map(Measurement::device).toList();
        Report report = new Report(true, Numbers.oneDecimal(Math.max(days, 0)), active < 0 ? null : Numbers.whole(active), 0, 0);
        return Optional.of(summary(true, days, active, veryLow < 0 || low < 0 ? -1 : veryLow + low, veryLow,
                tir.value(), high < 0 || veryHigh < 0 ? -1 : high + veryHigh, veryHigh, value(values, Metric.CGM_CV), gmi,
                t, report, devices, CgmTargets.of(data.patient(), t, true)).withReportEnd(tir.day().toString(), isDated(tir, t, now)));
    }

    /** What a CGM summary's numbers come from, before it is judged against the reporting standard. */
    private record Report(boolean vendor, String daysText, String activeText, int sensorReadings, int windowDays) {
    }

    /** The consensus metrics computed from raw sensor readings in the CGM window. */
    private Optional<CgmSummary> computed(List<Measurement> sensor, PatientContext patient, Thresholds t, Instant now) {
        CgmTargets targets = CgmTargets.of(patient, t, false);
        int windowDays = t.getInt("cgmWindowDays");
        List<Measurement> readings = sensor.stream()
                .filter(m -> m.within(now.minus(Duration.ofDays(windowDays)), now)).toList();
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        int n = readings.size();
        double mean = readings.stream().mapToDouble(Measurement::value).average().orElseThrow();
        double sd = Math.sqrt(readings.stream().mapToDouble(m -> (m.value() - mean) * (m.value() - mean)).sum() / Math.max(1, n - 1));
        double veryLow = percent(readings, m -> m < t.get("level2Below"));
        double belowRange = percent(readings, m -> m < targets.rangeLow());
        double aboveRange = percent(readings, m -> m > targets.rangeHigh());
        double veryHigh = percent(readings, m -> m > t.get("rangeVeryHighAbove"));
        double inRange = 100 - belowRange - aboveRange;
        // Sensor active time: readings × the sensor's own interval (the median gap between readings, so a
        // 5- and a 15-minute sensor are both judged fairly) over the whole window.
        double intervalMinutes = medianGapMinutes(readings);
        double active = Math.min(100, n * intervalMinutes / (windowDays * 24 * 60.0) * 100);
        int daysWorn = Math.min(windowDays, new TreeSet<>(readings.stream().map(Measurement::day).toList()).size());
        double gmi = t.get("gmiIntercept") + t.get("gmiSlope") * mean;
        Report report = new Report(false, String.valueOf(daysWorn), Numbers.whole(active), n, windowDays);
        CgmSummary summary = summary(false, daysWorn, active, belowRange, veryLow, inRange,
                aboveRange, veryHigh, sd / mean * 100, gmi, t, report, readings.stream().map(Measurement::device).toList(), targets);
        return Optional.of(summary.withLevel2Events(level2Events(readings, t).size()));
    }

    private static CgmSummary summary(boolean vendor, double days, double active, double belowRange, double veryLow,
                                      double inRange, double aboveRange, double veryHigh, double cv, double gmi,
                                      Thresholds t, Report report, List<DeviceInfo> devices, CgmTargets targets) {
        boolean interpretable = days >= t.get("cgmMinDays") && active >= t.get("cgmMinActivePercent");
        // Targets by patient group (CgmTargets); a report that cannot be judged against them gives no verdict.
        boolean hypo = targets.judged() && (belowRange >= targets.belowRangeMax() || veryLow >= targets.veryLowMax());
        Provenance.CgmReport line = new Provenance.CgmReport(report.vendor(), report.daysText(), report.activeText(),
                report.sensorReadings(), report.windowDays(), interpretable, t.getInt("cgmMinDays"), t.getInt("cgmMinActivePercent"));
        Provenance provenance = Provenance.ofReport(Coverage.source(devices), line, Coverage.leastTrusted(devices));
        return new CgmSummary(vendor, days, active, interpretable, belowRange, veryLow, inRange, aboveRange, veryHigh,
                cv, gmi, hypo, cv > t.get("cvMax"), targets.judged() && inRange >= 0 && inRange < targets.inRangeTarget(),
                targets.judged() && targets.hasVeryHighGoal() && veryHigh >= targets.veryHighMax(), provenance, targets);
    }

    /** A reported level 3 event, or level 2 readings on several days on insulin or a sulfonylurea. */
    private Optional<SevereHypoglycaemia> severe(PatientData data, Thresholds t, Instant now) {
        Instant since = now.minus(Duration.ofDays(t.getInt("severeWindowDays")));
        List<Measurement> events = data.of(Metric.SEVERE_HYPOGLYCAEMIA_EVENT).stream().filter(m -> m.within(since, now)).toList();
        // Readings raise a same-day item only from a validated meter or sensor (tier A/B): a typed-in or consumer
        // value below the level 2 limit stays with the recent lows (info), as the tier caps intend.
        List<Measurement> level2 = new ArrayList<>();
        List.of(Metric.GLUCOSE).forEach(metric -> data.of(metric).stream()
                .filter(m -> m.device().tier().isValidated())
                .filter(m -> m.within(since, now) && m.value() < t.get("level2Below")).forEach(level2::add));
        // A sensor value counts only inside a level 2 event (≥ 15 consecutive minutes), never alone.
        level2Events(data.of(Metric.SENSOR_GLUCOSE).stream().filter(m -> m.device().tier().isValidated())
                .filter(m -> m.within(since, now)).toList(), t).forEach(e -> level2.addAll(e.readings()));
        int level2Days = new TreeSet<>(level2.stream().map(Measurement::day).toList()).size();
        List<String> drugs = new ArrayList<>();
        List.of("insulin", "sulfonylurea").stream().filter(data.context()::takes).forEach(drugs::add);
        boolean byReadings = !drugs.isEmpty() && level2Days >= t.getInt("severeLevel2DaysMin");
        if (events.isEmpty() && !byReadings) {
            return Optional.empty();
        }
        List<Measurement> used = new ArrayList<>(events);
        if (byReadings) {
            used.addAll(level2);
        }
        String eventTime = events.stream().max(Comparator.comparing(Measurement::takenAt))
                .map(m -> m.localTime().format(TIME)).orElse(null);
        double lowest = level2.stream().mapToDouble(Measurement::value).min().orElse(-1);
        return Optional.of(new SevereHypoglycaemia(!events.isEmpty(), eventTime, byReadings ? level2Days : 0, lowest,
                String.join(" and ", drugs), Coverage.of(used, t.getInt("severeWindowDays"), null)));
    }

    /** Meter readings below the level 1 limit in the recent window. */
    private Optional<GlucoseLows> meterLows(List<Measurement> meter, Thresholds t, Instant now) {
        Instant since = now.minus(Duration.ofDays(t.getInt("lowsWindowDays")));
        List<Measurement> recent = meter.stream().filter(m -> m.within(since, now)).toList();
        List<Measurement> lows = recent.stream().filter(m -> m.value() < t.get("level1Below")).toList();
        if (lows.isEmpty()) {
            return Optional.empty();
        }
        Measurement lowest = lows.stream().min(Comparator.comparingDouble(Measurement::value)).orElseThrow();
        int level2 = (int) lows.stream().filter(m -> m.value() < t.get("level2Below")).count();
        return Optional.of(new GlucoseLows(lows.size(), level2, lowest.value(), lowest.localTime().format(TIME),
                Coverage.of(recent, t.getInt("lowsWindowDays"), null), ReadingTime.of(lowest, now),
                Coverage.source(List.of(lowest.device())), lowest.device().tier().isValidated()));
    }

    private static double value(Map<Metric, Measurement> values, Metric metric) {
        Measurement m = values.get(metric);
        return m == null ? -1 : m.value();
    }

    private static double percent(List<Measurement> readings, java.util.function.DoublePredicate test) {
        return 100.0 * readings.stream().mapToDouble(Measurement::value).filter(test).count() / readings.size();
    }

    private static double medianGapMinutes(List<Measurement> readings) {
        return CgmEvents.intervalMinutes(readings);
    }

    /** Level 2 hypoglycaemia events in raw sensor readings: below the level 2 limit for ≥ eventMinMinutes. */
    private static List<CgmEvents.Event> level2Events(List<Measurement> sensor, Thresholds t) {
        return CgmEvents.below(sensor, t.get("level2Below"), t.getInt("eventMinMinutes"), t.get("eventGapFactor"));
    }

    /** A report that ended longer ago than reportCurrentDays: its date goes into the card. */
    private static boolean isDated(Measurement report, Thresholds t, Instant now) {
        return report.takenAt().isBefore(now.minus(Duration.ofDays(t.getInt("reportCurrentDays"))));
    }
}

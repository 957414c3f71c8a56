package health.flipside.facts.activity;

import health.flipside.facts.Coverage;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import health.flipside.facts.Thresholds;
import health.flipside.facts.TopicSummarizer;
import health.flipside.facts.Trends;
import health.flipside.facts.provenance.DeviceTier;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Physical activity and sleep (docs/clinical-sources.md, activity and sleep): the median daily steps, the week's
 * active minutes and
 * the median sleep per night over the recent window. Wellness data: the rules built on it are always info, and
 * below a gate nothing is said at all. Every number is a threshold of {@code rules/activity/thresholds.yaml}.
 */
public final class ActivitySummarizer implements TopicSummarizer {
    public static final String TOPIC = "activity";
    public static final List<String> REQUIRED_THRESHOLDS = List.of("windowDays", "stepDaysMin", "activeDaysMin", "sleepNightsMin",
            "stepsLowBelow", "stepsHighFrom", "stepsHighFromOlder", "stepsOlderFromAge", "activeMinutesWeekly", "sleepHoursMin");

    @Override
    public List<Object> facts(PatientData data, Thresholds t, Instant now) {
        int window = t.getInt("windowDays");
        List<Object> facts = new ArrayList<>();
        // Trackers send cumulative counts during the day: the day's count is its highest value [D].
        Map<LocalDate, Day> steps = perDay(completeDays(data.of(Metric.STEPS), window, now), ActivitySummarizer::countedDay, Math::max);
        if (steps.size() >= t.getInt("stepDaysMin")) {
            // Where the benefit levels off depends on age (Paluch 2022): the patient's own group, or under 60 when the
            // age is unknown (8,000 is past the older group's plateau too).
            boolean older = data.patient().ageKnown() && data.patient().ageYears() >= t.get("stepsOlderFromAge");
            facts.add(new StepCount(Trends.median(values(steps)), steps.size(), window, Coverage.of(used(steps), window, null),
                    t.get(older ? "stepsHighFromOlder" : "stepsHighFrom"), older, data.patient().ageKnown()));
        }
        Map<LocalDate, Day> active = perDay(completeDays(data.of(Metric.ACTIVE_MINUTES), window, now), ActivitySummarizer::countedDay, Double::sum);
        if (active.size() >= t.getInt("activeDaysMin")) {
            double perDay = values(active).stream().mapToDouble(Double::doubleValue).sum() / active.size();
            // Days without a record are not read as zero: the week's minutes are the mean of recorded days × 7 [D].
            facts.add(new ActiveMinutes(perDay * 7, active.size(), Coverage.of(used(active), window, null)));
        }
        // A night may come in pieces (split sleep, a nap): they add up within one source [D].
        Map<LocalDate, Day> sleep = perDay(lastNights(data.of(Metric.SLEEP_DURATION), window, now), Measurement::day, Double::sum);
        if (sleep.size() >= t.getInt("sleepNightsMin")) {
            int typedIn = (int) sleep.values().stream().filter(d -> d.tier() == DeviceTier.SELF_REPORTED).count();
            facts.add(new SleepDuration(Trends.median(values(sleep)), sleep.size(), window, typedIn, Coverage.of(used(sleep), window, null)));
        }
        return facts;
    }

    /**
     * Daily totals of the {@code days} days before today, on the patient's clock: today's count is not over yet (a
     * tracker's 9 a.m. count is a fraction of the day), and a window of {@code days} × 24 hours would cut a day at
     * the minute the chart is opened, so the same patient would get 6 or 7 days and another median depending on the
     * hour [D]. A total filed as a period (00:00 to 00:00) is the day its period starts.
     */
    private static List<Measurement> completeDays(List<Measurement> totals, int days, Instant now) {
        return totals.stream().filter(m -> !m.takenAt().isAfter(now)).filter(m -> {
            long ago = ChronoUnit.DAYS.between(countedDay(m), m.dateAt(now));
            return ago >= 1 && ago <= days;
        }).toList();
    }

    /** The day a daily total counts: the day its period starts, or the day it was taken. */
    private static LocalDate countedDay(Measurement total) {
        return total.periodStart() == null ? total.day() : total.dateAt(total.periodStart());
    }

    /** Nights that ended on one of the last {@code days} days up to today: last night is over by the morning [D]. */
    private static List<Measurement> lastNights(List<Measurement> nights, int days, Instant now) {
        return nights.stream().filter(m -> !m.takenAt().isAfter(now))
                .filter(m -> ChronoUnit.DAYS.between(m.day(), m.dateAt(now)) < days).toList();
    }

    /** One day's value from one source, and the measurements it was made of (the provenance line counts only those). */
    record Day(double value, DeviceTier tier, List<Measurement> used) {
    }

    /**
     * One value per local day. Within one source (device, or the patient's typed-in entries) the day's values are
     * combined; when two sources report the same day — a watch and a typed-in spreadsheet row, a watch and a ring —
     * the most trusted source's value is the day's value (on a tie, the larger), never their sum [D]: adding a
     * typed-in night to the watch's night would double the sleep, and a typed-in count must not outrank a measured one.
     */
    static Map<LocalDate, Day> perDay(List<Measurement> measurements, Function<Measurement, LocalDate> dayOf,
                                      BinaryOperator<Double> withinSource) {
        Map<LocalDate, Map<String, List<Measurement>>> bySource = new TreeMap<>();
        measurements.forEach(m -> bySource.computeIfAbsent(dayOf.apply(m), d -> new LinkedHashMap<>())
                .computeIfAbsent(m.deviceId() == null ? "self-reported" : m.deviceId(), s -> new ArrayList<>()).add(m));
        Map<LocalDate, Day> days = new TreeMap<>();
        bySource.forEach((day, sources) -> days.put(day, sources.values().stream()
                .map(list -> new Day(list.stream().map(Measurement::value).reduce(withinSource).orElseThrow(),
                        list.stream().map(m -> m.device().tier()).max(Comparator.naturalOrder()).orElseThrow(), list))
                .min(Comparator.comparing(Day::tier).thenComparing(Day::value, Comparator.reverseOrder()))
                .orElseThrow()));
        return days;
    }

    private static List<Double> values(Map<LocalDate, Day> days) {
        return days.values().stream().map(Day::value).toList();
    }

    private static List<Measurement> used(Map<LocalDate, Day> days) {
        return days.values().stream().flatMap(d -> d.used().stream()).toList();
    }
}

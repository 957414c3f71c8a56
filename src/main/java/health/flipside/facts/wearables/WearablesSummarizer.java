package health.flipside.facts.wearables;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.Coverage;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.Numbers;
import health.flipside.facts.PatientContext;
import health.flipside.facts.PatientData;
import health.flipside.facts.ReadingTime;
import health.flipside.facts.Thresholds;
import health.flipside.facts.TopicSummarizer;
import health.flipside.facts.Trends;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceTier;
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
import java.util.stream.Collectors;

/**
 * Consumer wearables (docs/clinical-sources.md, wearables): irregular-rhythm notifications, resting heart rate against
 * the
 * personal baseline, and SpO2 — fingertip oximeters of Tier A/B for thresholds, watch values for trends only.
 * Every number is a threshold of {@code rules/wearables/thresholds.yaml}.
 */
public final class WearablesSummarizer implements TopicSummarizer {
    public static final String TOPIC = "wearables";
    public static final List<String> REQUIRED_THRESHOLDS = List.of("irnLookbackDays", "rhrRecentDays", "rhrBaselineDays",
            "rhrRecentNightsMin", "rhrBaselineNightsMin", "spo2WindowDays",
            "fingertipLowDaysMin", "watchSpo2WindowDays", "watchLowBelow", "severeSpo2AtOrBelow",
            "severeSpo2ChronicLungBelow");
    private static final double DAYS_PER_MONTH = 365.25 / 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    @Override
    public List<Object> facts(PatientData data, Thresholds t, Instant now) {
        List<Object> facts = new ArrayList<>();
        notifications(data, t, now).ifPresent(facts::add);
        restingHeartRate(data.of(Metric.RESTING_HEART_RATE), t, now).ifPresent(facts::add);
        List<Measurement> spo2 = data.of(Metric.OXYGEN_SATURATION);
        OxygenTarget target = OxygenTarget.of(data.patient(), t);
        fingertip(spo2.stream().filter(WearablesSummarizer::isFingertip).toList(), target, t, now).ifPresent(facts::add);
        // Trend-only values are judged by the usual night (the median of the nights' minima), never by one dip; with
        // chronic lung disease, against that target's lower bound.
        double trendLowBelow = Math.min(t.get("watchLowBelow"), target.low());
        watch(spo2.stream().filter(WearablesSummarizer::isWearable).toList(), trendLowBelow, t, now).ifPresent(facts::add);
        unlisted(spo2.stream().filter(m -> !isFingertip(m) && !isWearable(m)).toList(), trendLowBelow, t, now).ifPresent(facts::add);
        veryLow(spo2, data.context(), t, now).ifPresent(facts::add);
        return facts;
    }

    /**
     * The safety net: the lowest SpO2 at or below the severe limit from a fingertip oximeter of any tier or typed in
     * (a watch's reflectance value stays trend-only). With chronic lung disease only a value below the lower end of
     * the 88–92 % target range counts (BTS 2017).
     */
    private Optional<VeryLowOxygen> veryLow(List<Measurement> spo2, ClinicalContext context, Thresholds t, Instant now) {
        boolean lungDisease = context.has("chronic-lung-disease");
        java.util.function.DoublePredicate severe = lungDisease ? v -> v < t.get("severeSpo2ChronicLungBelow")
                : v -> v <= t.get("severeSpo2AtOrBelow");
        List<Measurement> low = spo2.stream()
                .filter(m -> m.device().kind() == DeviceKind.FINGERTIP_OXIMETER || m.device().tier() == DeviceTier.SELF_REPORTED)
                .filter(m -> m.within(now.minus(Duration.ofDays(t.getInt("spo2WindowDays"))), now))
                .filter(m -> severe.test(m.value()))
                .toList();
        if (low.isEmpty()) {
            return Optional.empty();
        }
        Measurement lowest = low.stream().min(Comparator.comparingDouble(Measurement::value)).orElseThrow();
        return Optional.of(new VeryLowOxygen(lowest.value(), ReadingTime.of(lowest, now), low.size(),
                isFingertip(lowest), Coverage.source(List.of(lowest.device())), lungDisease,
                Coverage.of(low, t.getInt("spo2WindowDays"), null)));
    }

    /** Watches, rings and bracelets: reflectance PPG, whatever their tier (NHS England: less accurate than a finger clip). */
    static boolean isWearable(Measurement m) {
        return m.device().kind() == DeviceKind.CUFFLESS;
    }

    /** Transmissive fingertip oximeters of a validated tier: the only SpO2 source for thresholds (NHS England, FDA). */
    static boolean isFingertip(Measurement m) {
        return m.device().kind() == DeviceKind.FINGERTIP_OXIMETER && m.device().tier().isValidated();
    }

    private Optional<RhythmNotifications> notifications(PatientData data, Thresholds t, Instant now) {
        int lookback = t.getInt("irnLookbackDays");
        List<Measurement> events = data.of(Metric.IRREGULAR_RHYTHM_NOTIFICATION).stream()
                .filter(m -> m.within(now.minus(Duration.ofDays(lookback)), now))
                .sorted(Comparator.comparing(Measurement::takenAt).reversed()).toList();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        String dates = events.stream().map(m -> m.localTime().format(DAY)).collect(Collectors.joining(", "));
        // How long the wearables have been sending anything: the clinician weighs a first alert differently from
        // two alerts in eight months of wear.
        Instant firstWearable = data.measurements().stream().filter(m -> m.device().tier() == DeviceTier.CONSUMER)
                .map(Measurement::takenAt).min(Comparator.naturalOrder()).orElse(events.get(events.size() - 1).takenAt());
        int months = (int) Math.round(Duration.between(firstWearable, now).toDays() / DAYS_PER_MONTH);
        // A documented ECG after the latest notification answers it (patient context): info at most, saying so.
        PatientContext patient = data.patient();
        boolean ecgAfter = patient.lastEcgAt() != null && patient.lastEcgAt().isAfter(events.get(0).takenAt());
        return Optional.of(new RhythmNotifications(events.size(), dates, data.context().has("atrial-fibrillation"),
                data.context().conditionsKnown(), months, Coverage.of(events, lookback, null), ecgAfter,
                ecgAfter ? patient.lastEcgDate() : "", ecgAfter && patient.lastEcgNormal(),
                ecgAfter ? patient.lastEcgKind() : ""));
    }

    private Optional<RestingHeartRate> restingHeartRate(List<Measurement> rhr, Thresholds t, Instant now) {
        if (rhr.isEmpty()) {
            return Optional.empty();
        }
        NavigableMap<LocalDate, Double> daily = Trends.daily(rhr);
        Trends.Comparison c = Trends.recentVsBaseline(daily, Trends.today(rhr, now), t.getInt("rhrRecentDays"),
                t.getInt("rhrBaselineDays"), t.getInt("rhrRecentNightsMin"), t.getInt("rhrBaselineNightsMin"));
        if (!c.sufficient()) {
            return Optional.empty();
        }
        int window = t.getInt("rhrRecentDays") + t.getInt("rhrBaselineDays");
        List<Measurement> used = rhr.stream().filter(m -> m.within(now.minus(Duration.ofDays(window)), now)).toList();
        return Optional.of(new RestingHeartRate(c.current(), c.currentDays(), c.baseline(), c.baselineDays(),
                Coverage.of(used, window, null)));
    }

    /**
     * Fingertip readings against the patient's target range and against their own baseline: the median of each
     * day's median over the {@code spo2BaselineDays} before the recent window (docs/clinical-sources.md, across
     * topics: a personal baseline;
     * FDA 2021: trends mean more than one value).
     */
    private Optional<FingertipOxygen> fingertip(List<Measurement> readings, OxygenTarget target, Thresholds t, Instant now) {
        int window = t.getInt("spo2WindowDays");
        Instant recentFrom = now.minus(Duration.ofDays(window));
        List<Measurement> recent = readings.stream().filter(m -> m.within(recentFrom, now))
                .sorted(Comparator.comparing(Measurement::takenAt)).toList();
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        List<Measurement> low = recent.stream().filter(m -> m.value() < target.low()).toList();
        int lowDays = Coverage.distinctDays(low.stream().map(Measurement::day).toList());
        String values = low.stream().map(m -> Numbers.whole(m.value()) + "% (" + m.localTime().format(DAY) + ")")
                .collect(Collectors.joining(", "));
        NavigableMap<LocalDate, Double> recentDays = Trends.daily(recent);
        List<Measurement> before = readings.stream()
                .filter(m -> m.within(recentFrom.minus(Duration.ofDays(t.getInt("spo2BaselineDays"))), recentFrom)
                        && m.takenAt().isBefore(recentFrom))
                .toList();
        NavigableMap<LocalDate, Double> baselineDays = Trends.daily(before);
        double baseline = baselineDays.size() >= t.getInt("spo2BaselineDaysMin")
                ? Trends.median(List.copyOf(baselineDays.values())) : -1;
        return Optional.of(new FingertipOxygen(recent.size(), low.size(), lowDays, values, target.chronicLungDisease(),
                Coverage.of(recent, window, null), target, recentDays.size(), Trends.median(List.copyOf(recentDays.values())),
                baseline, baselineDays.size()));
    }

    private Optional<WatchOxygen> watch(List<Measurement> readings, double lowBelow, Thresholds t, Instant now) {
        return TrendOnlyLows.of(readings, lowBelow, t, now)
                .map(lows -> new WatchOxygen(lows.days(), lows.lowDays(), lows.lowest(), lows.highestLow(), lows.provenance()));
    }

    /**
     * SpO2 from a source that is neither an eligible fingertip oximeter nor a wearable: an oximeter not on the
     * validated list, or values typed in. Trend-only as well, but the card must not call it a watch reading.
     */
    private Optional<UnlistedOxygen> unlisted(List<Measurement> readings, double lowBelow, Thresholds t, Instant now) {
        return TrendOnlyLows.of(readings, lowBelow, t, now).map(lows -> new UnlistedOxygen(lows.days(), lows.lowDays(), lows.lowest(),
                lows.highestLow(), lows.provenance().tier() == DeviceTier.SELF_REPORTED, lows.provenance()));
    }

    /**
     * Each day's lowest trend-only SpO2 in the window, and the days below {@code lowBelow}; empty unless the usual
     * day (the median of the days' minima) is below it: a watch's night-time dip on a few nights is not a finding.
     */
    private record TrendOnlyLows(int days, int lowDays, double lowest, double highestLow, Provenance provenance) {
        static Optional<TrendOnlyLows> of(List<Measurement> readings, double lowBelow, Thresholds t, Instant now) {
            int window = t.getInt("watchSpo2WindowDays");
            List<Measurement> recent = readings.stream().filter(m -> m.within(now.minus(Duration.ofDays(window)), now)).toList();
            NavigableMap<LocalDate, Double> dailyMinimum = new java.util.TreeMap<>();
            recent.forEach(m -> dailyMinimum.merge(m.day(), m.value(), Math::min));
            List<Double> low = dailyMinimum.values().stream().filter(v -> v < lowBelow).toList();
            if (low.isEmpty() || Trends.median(List.copyOf(dailyMinimum.values())) >= lowBelow) {
                return Optional.empty();
            }
            return Optional.of(new TrendOnlyLows(dailyMinimum.size(), low.size(), low.stream().min(Double::compare).orElseThrow(),
                    low.stream().max(Double::compare).orElseThrow(), Coverage.of(recent, window, null)));
        }
    }
}

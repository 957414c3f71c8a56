package health.flipside.facts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The trend arithmetic (docs/clinical-sources.md, across topics) for day-level streams (resting heart rate, sleep,
 * steps,
 * weight): one value per day (the median of that day's values), a recent window against the personal baseline
 * just before it, and medians rather than means, so one odd day does not move the picture.
 */
public final class Trends {
    private Trends() {
    }

    /**
     * A recent window compared with the personal baseline before it.
     *
     * @param current       median of the daily values in the recent window
     * @param currentDays   days with data in the recent window
     * @param baseline      median of the daily values in the baseline window
     * @param baselineDays  days with data in the baseline window
     * @param sufficient    both windows hold at least the required days (below the gate: no inference)
     */
    public record Comparison(double current, int currentDays, double baseline, int baselineDays, boolean sufficient) {
        public double difference() {
            return current - baseline;
        }
    }

    /** One value per local day: the median of that day's values. */
    public static NavigableMap<LocalDate, Double> daily(Collection<Measurement> measurements) {
        return measurements.stream().collect(Collectors.groupingBy(Measurement::day, TreeMap::new,
                Collectors.collectingAndThen(Collectors.mapping(Measurement::value, Collectors.toList()), Trends::median)));
    }

    /**
     * The last {@code currentDays} days up to and including {@code today} against the {@code baselineDays} days
     * before them; sufficient when each window has at least its minimum of days with data.
     */
    public static Comparison recentVsBaseline(NavigableMap<LocalDate, Double> daily, LocalDate today, int currentDays,
                                              int baselineDays, int minCurrentDays, int minBaselineDays) {
        LocalDate currentStart = today.minusDays(currentDays - 1L);
        LocalDate baselineStart = currentStart.minusDays(baselineDays);
        Collection<Double> current = daily.subMap(currentStart, true, today, true).values();
        Collection<Double> baseline = daily.subMap(baselineStart, true, currentStart, false).values();
        boolean sufficient = current.size() >= minCurrentDays && baseline.size() >= minBaselineDays;
        return new Comparison(median(current), current.size(), median(baseline), baseline.size(), sufficient);
    }

    /** "Today" on the patient's own clock, from the UTC offset their latest measurement was recorded with. */
    public static LocalDate today(List<Measurement> measurements, java.time.Instant now) {
        Measurement last = measurements.get(measurements.size() - 1);
        java.time.Duration offset = java.time.Duration.between(last.takenAt(), last.localTime().toInstant(java.time.ZoneOffset.UTC));
        return LocalDate.ofInstant(now.plus(offset), java.time.ZoneOffset.UTC);
    }

    /** The median, NaN for no values. */
    public static double median(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

package health.flipside.trend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A run of whole days without any reading between two days with readings, drawn as a shaded span so a quiet week is
 * never mistaken for a steady one.
 *
 * @param from first day without readings (ISO date)
 * @param to   last day without readings
 * @param days its length
 */
public record Gap(String from, String to, int days) {
    /** Gaps of at least two empty days: one missed day is routine, two in a row are worth seeing (docs/trend-view.md). */
    static final int MIN_DAYS = 2;

    static List<Gap> between(List<LocalDate> readingDays) {
        SortedSet<LocalDate> days = new TreeSet<>(readingDays);
        List<Gap> gaps = new ArrayList<>();
        LocalDate previous = null;
        for (LocalDate day : days) {
            if (previous != null) {
                int empty = (int) ChronoUnit.DAYS.between(previous, day) - 1;
                if (empty >= MIN_DAYS) {
                    gaps.add(new Gap(previous.plusDays(1).toString(), day.minusDays(1).toString(), empty));
                }
            }
            previous = day;
        }
        return gaps;
    }
}

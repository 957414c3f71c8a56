package health.flipside.facts.glucose;

import health.flipside.facts.Measurement;
import health.flipside.facts.Trends;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Level 2 hypoglycaemia <em>events</em> from raw sensor readings (docs/clinical-sources.md, safety net: an event is
 * glucose
 * below 54 mg/dL for at least 15 consecutive minutes — International Consensus on Time in Range, Battelino 2019;
 * Danne 2017). One low sensor value is not an event: sensors are noisy and compression lows are single values.
 *
 * <ul>
 *   <li><b>Consecutive</b>: readings in time order, each below the limit, with no gap between two of them longer
 *   than the sensor's own interval (the median gap of all its readings) × {@code gapFactor}; a longer gap (a lost
 *   signal, a missed reading) ends the run, because nobody knows what happened in it.</li>
 *   <li><b>Duration</b>: from the first to the last low reading of the run; a run lasting at least
 *   {@code minMinutes} (exactly 15 counts) is an event. A single value lasts 0 minutes.</li>
 *   <li><b>End</b>: the consensus ends an event only after 15 minutes back above the limit, so a low run that starts
 *   less than {@code minMinutes} after an event's last low reading belongs to that event.</li>
 * </ul>
 */
public final class CgmEvents {
    private CgmEvents() {
    }

    /** One event: its first and last low reading and the lowest value, mg/dL. */
    public record Event(Instant start, Instant end, double lowest, List<Measurement> readings) {
        public Event {
            readings = List.copyOf(readings);
        }

        public long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    /** The events below {@code limit} in these sensor readings (any order), oldest first. */
    public static List<Event> below(List<Measurement> sensor, double limit, int minMinutes, double gapFactor) {
        List<Measurement> sorted = sensor.stream().sorted(Comparator.comparing(Measurement::takenAt)).toList();
        double maxGapSeconds = intervalMinutes(sorted) * 60 * gapFactor;
        List<List<Measurement>> runs = new ArrayList<>();
        List<Measurement> run = new ArrayList<>();
        Measurement previous = null;
        for (Measurement m : sorted) {
            boolean gap = previous != null && Duration.between(previous.takenAt(), m.takenAt()).getSeconds() > maxGapSeconds;
            if (m.value() >= limit || gap) {
                close(run, runs);
                run = new ArrayList<>();
            }
            if (m.value() < limit) {
                run.add(m);
            }
            previous = m;
        }
        close(run, runs);
        List<Event> events = new ArrayList<>();
        Duration minimum = Duration.ofMinutes(minMinutes);
        for (List<Measurement> r : runs) {
            Event last = events.isEmpty() ? null : events.get(events.size() - 1);
            if (last != null && Duration.between(last.end(), r.get(0).takenAt()).compareTo(minimum) < 0) {
                List<Measurement> joined = new ArrayList<>(last.readings()); // not yet 15 minutes back above
                joined.addAll(r);
                events.set(events.size() - 1, event(joined));
            } else if (Duration.between(r.get(0).takenAt(), r.get(r.size() - 1).takenAt()).compareTo(minimum) >= 0) {
                events.add(event(r));
            }
        }
        return events;
    }

    /** The sensor's own interval in minutes: the median gap between its readings (5 or 15 minutes), 0 for one. */
    public static double intervalMinutes(List<Measurement> readings) {
        List<Double> gaps = new ArrayList<>();
        List<Measurement> sorted = readings.stream().sorted(Comparator.comparing(Measurement::takenAt)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            gaps.add(Duration.between(sorted.get(i - 1).takenAt(), sorted.get(i).takenAt()).getSeconds() / 60.0);
        }
        return gaps.isEmpty() ? 0 : Trends.median(gaps);
    }

    private static void close(List<Measurement> run, List<List<Measurement>> runs) {
        if (!run.isEmpty()) {
            runs.add(run);
        }
    }

    private static Event event(List<Measurement> readings) {
        return new Event(readings.get(0).takenAt(), readings.get(readings.size() - 1).takenAt(),
                readings.stream().mapToDouble(Measurement::value).min().orElseThrow(), readings);
    }
}

package health.flipside.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a safety-relevant value was taken and how long it took to reach the record, for a safety card's sentence
 * (docs/clinical-sources.md, across topics: {@code issued − effective} shows the upload latency, which matters for
 * same-day items). The card templates word it.
 *
 * @param takenAt  the patient's local time ("3 Dec 21:40")
 * @param elapsed  how long before the chart was opened ("19 h")
 * @param uploaded how long after it was taken it reached the record, or null when the record does not say
 */
public record ReadingTime(String takenAt, String elapsed, Upload uploaded) {
    /**
     * @param withinMinutes reached the record within minutes (devices sync every few minutes)
     * @param after         otherwise, how long after it was taken ("2 h")
     */
    public record Upload(boolean withinMinutes, String after) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    /** Below this an upload counts as immediate: devices sync every few minutes. */
    private static final Duration PROMPT = Duration.ofMinutes(15);

    public static ReadingTime of(LocalDateTime localTime, Instant taken, Instant issued, Instant now) {
        Upload uploaded = null;
        if (issued != null) {
            Duration delay = Duration.between(taken, issued);
            uploaded = delay.compareTo(PROMPT) < 0 ? new Upload(true, null) : new Upload(false, span(delay));
        }
        return new ReadingTime(localTime.format(TIME), span(Duration.between(taken, now)), uploaded);
    }

    public static ReadingTime of(Measurement m, Instant now) {
        return of(m.localTime(), m.takenAt(), m.issued(), now);
    }

    /** "45 min", "19 h", "3 d": the coarsest unit that keeps the number whole and meaningful. */
    static String span(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = duration.toHours();
        return hours < 48 ? hours + " h" : duration.toDays() + " d";
    }
}

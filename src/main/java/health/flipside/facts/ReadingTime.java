package health.flipside.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a safety-relevant value was taken and how long it took to reach the record, in the words a safety card uses
 * (docs/clinical-sources.md, across topics: {@code issued − effective} shows the upload latency, which matters for
 * same-day items).
 *
 * @param takenAt  the patient's local time ("3 Dec 21:40")
 * @param ago      how long before the chart was opened ("19 h ago")
 * @param uploaded how long after it was taken it reached the record ("uploaded 2 h after it was taken"), or null
 *                 when the record does not say
 */
public record ReadingTime(String takenAt, String ago, String uploaded) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    /** Below this an upload counts as immediate: devices sync every few minutes. */
    private static final Duration PROMPT = Duration.ofMinutes(15);

    public static ReadingTime of(LocalDateTime localTime, Instant taken, Instant issued, Instant now) {
        String uploaded = null;
        if (issued != null) {
            Duration delay = Duration.between(taken, issued);
            uploaded = delay.compareTo(PROMPT) < 0 ? "uploaded within minutes" : "uploaded " + span(delay) + " after it was taken";
        }
        return new ReadingTime(localTime.format(TIME), span(Duration.between(taken, now)) + " ago", uploaded);
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

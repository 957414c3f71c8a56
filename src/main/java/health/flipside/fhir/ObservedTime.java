package health.flipside.fhir;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * When something was observed: the instant, and the wall-clock time at the offset it was recorded with (UTC when it
 * carries none).
 */
record ObservedTime(Instant instant, LocalDateTime local) {
    private static final ZoneId UTC = ZoneId.of("UTC");

    /**
     * A HAPI date-time, when it holds a readable one: none when HAPI read no value (an element with only an
     * extension, a value it could not read) or when its offset lies beyond ±18:00 (java.time names no local time).
     */
    static Optional<ObservedTime> of(BaseDateTimeType time) {
        if (time == null || time.getValue() == null) {
            return Optional.empty();
        }
        try {
            ZoneId zone = time.getTimeZone() == null ? UTC : time.getTimeZone().toZoneId();
            Instant instant = time.getValue().toInstant();
            return Optional.of(new ObservedTime(instant, LocalDateTime.ofInstant(instant, zone)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    boolean isBefore(ObservedTime other) {
        return instant.isBefore(other.instant);
    }
}

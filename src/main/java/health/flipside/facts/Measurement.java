package health.flipside.facts;

import health.flipside.facts.provenance.DeviceInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One patient-generated value of a {@link Metric}, normalized to the metric's unit.
 *
 * @param takenAt     when it was measured (for a period, such as a CGM report or a night's sleep, its end)
 * @param localTime   the same moment on the patient's wall clock (morning weights, nights)
 * @param periodStart start of the period it covers, or null for a point measurement
 * @param value       in {@link Metric#unit()}; 1 for events
 * @param device      provenance verdict; {@link DeviceInfo#SELF_REPORTED} when no device is named
 * @param deviceId    the device's logical id ("Device/x"), or null: a scale change resets a weight baseline
 * @param issued      when it reached the record (Observation.issued), or null: upload latency for safety cards
 */
public record Measurement(Metric metric, Instant takenAt, LocalDateTime localTime, Instant periodStart, double value,
                          DeviceInfo device, String deviceId, Instant issued) {

    public LocalDate day() {
        return localTime.toLocalDate();
    }

    /** The date {@code instant} falls on by the clock this value was recorded with (its own UTC offset). */
    public LocalDate dateAt(Instant instant) {
        return localTime.plus(Duration.between(takenAt, instant)).toLocalDate();
    }

    public boolean within(Instant from, Instant to) {
        return !takenAt.isBefore(from) && !takenAt.isAfter(to);
    }
}

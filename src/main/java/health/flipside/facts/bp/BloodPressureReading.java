package health.flipside.facts.bp;

import health.flipside.facts.provenance.DeviceInfo;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One blood-pressure reading, normalized: values in mm[Hg], time both as an instant (for windows) and as the
 * patient's local wall-clock time (for the morning/evening protocol).
 *
 * @param setting where it was taken: home readings are patient-generated, office readings come from the clinic
 * @param device  provenance of the reading; {@link DeviceInfo#SELF_REPORTED} when no device is named
 * @param issued  when it reached the record (Observation.issued), or null: upload latency for safety cards
 */
public record BloodPressureReading(Instant takenAt, LocalDateTime localTime, double systolic, double diastolic,
                                   Setting setting, DeviceInfo device, Instant issued) {

    public BloodPressureReading(Instant takenAt, LocalDateTime localTime, double systolic, double diastolic,
                                Setting setting, DeviceInfo device) {
        this(takenAt, localTime, systolic, diastolic, setting, device, null);
    }

    public enum Setting { HOME, OFFICE }

    public boolean isHome() {
        return setting == Setting.HOME;
    }
}

package health.flipside.facts;

import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceTier;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Blood-pressure readings for unit tests, taken by a patient five hours behind UTC (as in the bundled examples). */
public final class Readings {
    public static final ZoneOffset PATIENT_ZONE = ZoneOffset.ofHours(-5);

    public static final DeviceInfo CLINIC_ARM = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.UPPER_ARM_CUFF, "Omron Healthcare HEM-9200T");
    public static final DeviceInfo VALIDATED_ARM = new DeviceInfo(DeviceTier.VALIDATED, DeviceKind.UPPER_ARM_CUFF, "A&D Medical UA-651BLE");
    public static final DeviceInfo VALIDATED_WRIST = new DeviceInfo(DeviceTier.VALIDATED, DeviceKind.WRIST_CUFF, "Omron Healthcare BP6350");
    public static final DeviceInfo CONSUMER_CUFF = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.UNKNOWN, "Acme BP-1");
    public static final DeviceInfo WATCH = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.CUFFLESS, "Samsung Galaxy Watch");
    public static final DeviceInfo OFFICE_CUFF = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.UPPER_ARM_CUFF, "clinic measurement");

    private Readings() {
    }

    /** A home reading at the patient's local wall-clock time, e.g. {@code home("2026-11-19T07:30", 132, 84, CLINIC_ARM)}. */
    public static BloodPressureReading home(String localTime, double systolic, double diastolic, DeviceInfo device) {
        return reading(localTime, systolic, diastolic, BloodPressureReading.Setting.HOME, device);
    }

    public static BloodPressureReading office(String localTime, double systolic, double diastolic) {
        return reading(localTime, systolic, diastolic, BloodPressureReading.Setting.OFFICE, OFFICE_CUFF);
    }

    public static BloodPressureReading reading(String localTime, double systolic, double diastolic,
                                        BloodPressureReading.Setting setting, DeviceInfo device) {
        LocalDateTime local = LocalDateTime.parse(localTime);
        return new BloodPressureReading(local.toInstant(PATIENT_ZONE), local, systolic, diastolic, setting, device);
    }
}

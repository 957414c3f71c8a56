package health.flipside.facts.provenance;

import java.util.Map;

import health.flipside.facts.Metric;

/**
 * The provenance verdict for one device: its tier, its kind and a label safe to show in a card.
 *
 * @param label   the device's own name ("Omron HEM-9200T"), or null when it has none
 * @param unnamed why there is no name, null when there is one: cds-cards/partials/device-name.mustache words each
 */
public record DeviceInfo(DeviceTier tier, DeviceKind kind, String label, Unnamed unnamed) {
    /** Typed in by the patient: no device. */
    public static final DeviceInfo SELF_REPORTED = new DeviceInfo(DeviceTier.SELF_REPORTED, DeviceKind.UNKNOWN, null,
            Unnamed.TYPED_IN);
    /**
     * A reading naming a device that neither the record nor a read by id could bring: still the patient's own
     * reading, so it is used, at the lowest tier, and the data-quality line says why.
     */
    public static final DeviceInfo UNRESOLVED = new DeviceInfo(DeviceTier.SELF_REPORTED, DeviceKind.UNKNOWN, null,
            Unnamed.RECORD_MISSING);
    /** Measured in the clinic: an office reading names no device, the clinic's cuff is trusted. */
    public static final DeviceInfo OFFICE = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.UPPER_ARM_CUFF, null,
            Unnamed.OFFICE);

    /** Why a device has no name of its own to show. */
    public enum Unnamed {
        /** the patient typed the value in: there is no device */
        TYPED_IN,
        /** the reading names a device the EHR could not provide */
        RECORD_MISSING,
        /** a device record with neither manufacturer nor model */
        NO_NAME_IN_RECORD,
        /** an office reading, taken in the clinic */
        OFFICE
    }

    public DeviceInfo {
        if ((label == null) == (unnamed == null)) {
            throw new IllegalArgumentException("a device has a label or a reason it has none: " + label + ", " + unnamed);
        }
    }

    /** A device the record describes, by its name, or without one when the record gives neither maker nor model. */
    public DeviceInfo(DeviceTier tier, DeviceKind kind, String label) {
        this(tier, kind, label, label == null ? Unnamed.NO_NAME_IN_RECORD : null);
    }

    /** Why there is no label, as a key templates can test: {{#why.TYPED_IN}}…{{/why.TYPED_IN}}. */
    public Map<String, Boolean> why() {
        return why(unnamed);
    }

    static Map<String, Boolean> why(Unnamed unnamed) {
        return unnamed == null ? Map.of() : Map.of(unnamed.name(), true);
    }

    /**
     * The provenance of one reading of {@code metric}: a device trusted only because it declares itself regulated
     * is trusted for what its kind measures (a regulated scale does not vouch for a glucose value); for anything
     * else its reading counts as consumer data.
     */
    public DeviceInfo forMetric(Metric metric) {
        if (tier != DeviceTier.REGULATED || measures(metric)) {
            return this;
        }
        return new DeviceInfo(DeviceTier.CONSUMER, kind, label, unnamed);
    }

    private boolean measures(Metric metric) {
        return switch (metric) {
            case GLUCOSE -> kind == DeviceKind.GLUCOSE_METER || kind == DeviceKind.CGM;
            case BODY_WEIGHT -> kind == DeviceKind.SCALE;
            case OXYGEN_SATURATION -> kind == DeviceKind.FINGERTIP_OXIMETER;
            default -> metric.isCgm() ? kind == DeviceKind.CGM : false;
        };
    }

    /** Readings that may enter guideline means: validated tiers and an upper-arm cuff (AHA 2019 statement). */
    public boolean qualifiesForBloodPressure() {
        return tier.isValidated() && kind == DeviceKind.UPPER_ARM_CUFF;
    }
}

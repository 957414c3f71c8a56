package health.flipside.facts.provenance;

import health.flipside.facts.Metric;

/** The provenance verdict for one device: its tier, its kind and a label safe to show in a card. */
public record DeviceInfo(DeviceTier tier, DeviceKind kind, String label) {
    public static final DeviceInfo SELF_REPORTED = new DeviceInfo(DeviceTier.SELF_REPORTED, DeviceKind.UNKNOWN, "typed in by the patient");
    /**
     * A reading naming a device that neither the record nor a read by id could bring: still the patient's own
     * reading, so it is used, at the lowest tier, and the data-quality line says why.
     */
    public static final DeviceInfo UNRESOLVED = new DeviceInfo(DeviceTier.SELF_REPORTED, DeviceKind.UNKNOWN,
            "device record not available, source unverified");

    /**
     * The provenance of one reading of {@code metric}: a device trusted only because it declares itself regulated
     * is trusted for what its kind measures (a regulated scale does not vouch for a glucose value); for anything
     * else its reading counts as consumer data.
     */
    public DeviceInfo forMetric(Metric metric) {
        if (tier != DeviceTier.REGULATED || measures(metric)) {
            return this;
        }
        return new DeviceInfo(DeviceTier.CONSUMER, kind, label);
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

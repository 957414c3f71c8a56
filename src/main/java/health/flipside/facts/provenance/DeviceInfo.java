package health.flipside.facts.provenance;

import health.flipside.facts.Metric;

/**
 * The provenance verdict for one device: its tier, its kind and a label safe to show in a card.
 *
 * @param label         the device's name ("Omron HEM-9200T"), or null when the reading names no device
 * @param recordMissing the reading names a device the EHR could not provide (cds-cards/partials/device-name.mustache
 *                      words a device without a name either way)
 */
public record DeviceInfo(DeviceTier tier, DeviceKind kind, String label, boolean recordMissing) {
    /** Typed in by the patient: no device. */
    public static final DeviceInfo SELF_REPORTED = new DeviceInfo(DeviceTier.SELF_REPORTED, DeviceKind.UNKNOWN, null, false);
    /**
     * A reading naming a device that neither the record nor a read by id could bring: still the patient's own
     * reading, so it is used, at the lowest tier, and the data-quality line says why.
     */
    public static final DeviceInfo UNRESOLVED = new DeviceInfo(DeviceTier.SELF_REPORTED, DeviceKind.UNKNOWN, null, true);

    /** A device the record describes. */
    public DeviceInfo(DeviceTier tier, DeviceKind kind, String label) {
        this(tier, kind, label, false);
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
        return new DeviceInfo(DeviceTier.CONSUMER, kind, label, recordMissing);
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

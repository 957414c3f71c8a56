package health.flipside.facts;

/** The provenance verdict for one device: its tier, its kind and a label safe to show in a card. */
public record DeviceInfo(DeviceTier tier, DeviceKind kind, String label) {
    public static final DeviceInfo SELF_REPORTED = new DeviceInfo(DeviceTier.SELF_REPORTED, DeviceKind.UNKNOWN, "typed in by the patient");

    /** Readings that may enter guideline means: validated tiers and an upper-arm cuff (AHA 2019 statement). */
    public boolean qualifiesForBloodPressure() {
        return tier.isValidated() && kind == DeviceKind.UPPER_ARM_CUFF;
    }
}

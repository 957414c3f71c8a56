package health.flipside.facts;

/**
 * How far a reading's source can be trusted (reference/clinical.md §8.2, a design choice [D]).
 * Declared from most to least trusted, so {@code compareTo} orders by trust.
 */
public enum DeviceTier {
    CLINIC_ISSUED("A", "clinic-issued validated device"),
    VALIDATED("B", "patient-owned validated device"),
    CONSUMER("C", "consumer device, not clinic-validated"),
    SELF_REPORTED("D", "self-reported, unverified");

    private final String code;
    private final String label;

    DeviceTier(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** Tiers A and B are the only ones guideline logic may rest on. */
    public boolean isValidated() {
        return this == CLINIC_ISSUED || this == VALIDATED;
    }
}

package health.flipside.facts.provenance;

/**
 * How far a reading's source can be trusted (docs/clinical-sources.md, across topics, a design choice [D]).
 * Declared from most to least trusted, so {@code compareTo} orders by trust.
 */
public enum DeviceTier {
    CLINIC_ISSUED("A"),
    VALIDATED("B"),
    /**
     * Not on the hospital's list, but the device declares itself a regulated medical device of the right kind
     * (PHD regulation status, or a UDI): it may drive warnings; its line says the model was not verified.
     */
    REGULATED("B"),
    CONSUMER("C"),
    SELF_REPORTED("D");

    private final String code;

    DeviceTier(String code) {
        this.code = code;
    }

    /** The letter cards print; the tier's words are in cds-cards/partials/device-tier.mustache. */
    public String code() {
        return code;
    }

    /**
     * Tiers A and B (listed, or regulated and of the right kind) are the only ones guideline logic may rest on.
     * Whether a regulated but unlisted device may also raise a critical card is the card policy's call
     * ({@code cds-cards/policy.yaml} tierCaps).
     */
    public boolean isValidated() {
        return this == CLINIC_ISSUED || this == VALIDATED || this == REGULATED;
    }
}

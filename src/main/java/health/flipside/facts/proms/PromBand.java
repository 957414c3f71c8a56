package health.flipside.facts.proms;

import java.util.Map;

/**
 * A questionnaire's severity band or category, as a code: rules and the trend view carry it, and
 * cds-cards/partials/prom-band.mustache words it ("moderately severe", "within normal limits").
 */
public enum PromBand {
    MINIMAL, MILD, MODERATE, MODERATELY_SEVERE, SEVERE,
    NEGATIVE_SCREEN, POSITIVE_SCREEN,
    WITHIN_NORMAL_LIMITS,
    POOR, FAIR, GOOD, VERY_GOOD, EXCELLENT,
    NO_PAIN;

    /** The band as a key templates can test: {{#is.MILD}}…{{/is.MILD}}. */
    public Map<String, Boolean> is() {
        return Map.of(name(), true);
    }
}

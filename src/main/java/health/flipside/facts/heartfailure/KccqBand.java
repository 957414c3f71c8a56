package health.flipside.facts.heartfailure;

import java.util.Map;

/**
 * A KCCQ-12 overall summary score's interpretation band, as a code: the cards and the trend view carry it, and
 * cds-cards/partials/kccq-band.mustache words it ("fair to good").
 */
public enum KccqBand {
    VERY_POOR_TO_POOR, POOR_TO_FAIR, FAIR_TO_GOOD, GOOD_TO_EXCELLENT;

    /** The band as a key templates can test: {{#is.FAIR_TO_GOOD}}…{{/is.FAIR_TO_GOOD}}. */
    public Map<String, Boolean> is() {
        return Map.of(name(), true);
    }
}

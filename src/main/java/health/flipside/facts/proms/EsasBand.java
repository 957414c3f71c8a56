package health.flipside.facts.proms;

import java.util.Map;

/**
 * The band of one ESAS-r rating (0–10), by the thresholds esasModerate and esasSevere: NONE at 0, MILD below
 * moderate. A code: cds-cards/partials/esas-band.mustache words it.
 */
public enum EsasBand {
    NONE, MILD, MODERATE, SEVERE;

    /** The band as a key templates can test: {{#is.SEVERE}}…{{/is.SEVERE}}. */
    public Map<String, Boolean> is() {
        return Map.of(name(), true);
    }
}

package health.flipside.facts.heartfailure;

import java.util.Map;

/**
 * How large a KCCQ-12 change is, by the thresholds kccqSmall, kccqModerate and kccqLarge; NONE below the smallest (the
 * MCID). A code: rules test it, cds-cards/partials/kccq-change-size.mustache words it ("moderate").
 */
public enum KccqChangeSize {
    NONE, SMALL, MODERATE, LARGE;

    /** The size as a key templates can test: {{#is.LARGE}}…{{/is.LARGE}}. */
    public Map<String, Boolean> is() {
        return Map.of(name(), true);
    }
}

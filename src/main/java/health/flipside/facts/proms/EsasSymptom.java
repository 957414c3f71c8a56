package health.flipside.facts.proms;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The nine symptoms of the ESAS-r (docs/clinical-sources.md, PROMs), as codes: the reader files each item under its
 * {@link #scale()}, cds-cards/partials/esas-symptom.mustache words it for the cards ("shortness of breath").
 */
public enum EsasSymptom {
    PAIN, TIREDNESS, DROWSINESS, NAUSEA, LACK_OF_APPETITE, SHORTNESS_OF_BREATH, DEPRESSION, ANXIETY, WELLBEING;

    /** The scale a score of this item is filed under ("lack of appetite"), and its code's suffix with dashes. */
    public String scale() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The symptom a score's scale names; empty for a scale that is no ESAS-r item. */
    public static Optional<EsasSymptom> ofScale(String scale) {
        return Arrays.stream(values()).filter(s -> s.scale().equals(scale)).findFirst();
    }

    /** The symptom as a key templates can test: {{#is.PAIN}}…{{/is.PAIN}}. */
    public Map<String, Boolean> is() {
        return Map.of(name(), true);
    }
}

package health.flipside.facts;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What was left out of this answer and why, so a card never rests silently on missing or dropped data.
 *
 * @param unavailable       data that could not be fetched (prefetch keys), empty when everything arrived; worded by
 *                          cds-cards/partials/unavailable-data.mustache
 * @param unresolvedDevices readings used at the lowest tier because the device they name could not be had
 */
public record DataQuality(int skippedResources, int implausibleReadings, int duplicateReadings, List<String> unavailable,
                          int unresolvedDevices) {
    public DataQuality {
        unavailable = List.copyOf(unavailable);
    }

    public DataQuality(int skippedResources, int implausibleReadings, int duplicateReadings, List<String> unavailable) {
        this(skippedResources, implausibleReadings, duplicateReadings, unavailable, 0);
    }

    /** For card texts, each key for cds-cards/partials/unavailable-data.mustache to word. */
    public List<Unavailable> unavailableData() {
        return Unavailable.of(unavailable);
    }

    /**
     * One prefetch key whose data could not be had.
     *
     * @param first the first listed: templates put a separator before every other
     */
    public record Unavailable(String key, boolean first) {
        public static List<Unavailable> of(List<String> keys) {
            return IntStream.range(0, keys.size()).mapToObj(i -> new Unavailable(keys.get(i), i == 0)).toList();
        }

        /** The key as templates test it: {{#is.vitalSigns}}…{{/is.vitalSigns}}. */
        public Map<String, Boolean> is() {
            return Map.of(key, true);
        }
    }

    public boolean hasUnavailableData() {
        return !unavailable.isEmpty();
    }
}

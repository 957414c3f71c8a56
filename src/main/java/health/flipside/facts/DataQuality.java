package health.flipside.facts;

import java.util.List;

/**
 * What was left out of this answer and why, so a card never rests silently on missing or dropped data.
 *
 * @param unavailable       data that could not be fetched (prefetch keys), empty when everything arrived
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

    /** For card texts: "vital signs (home and office blood pressure); active medications". */
    public String unavailableList() {
        return String.join("; ", unavailable);
    }

    public boolean hasUnavailableData() {
        return !unavailable.isEmpty();
    }
}

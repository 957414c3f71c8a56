package health.flipside.facts;

import java.util.List;

/**
 * What was left out of this answer and why, so a card never rests silently on missing or dropped data.
 *
 * @param unavailable data that could not be fetched (prefetch keys), empty when everything arrived
 */
public record DataQuality(int skippedResources, int implausibleReadings, int duplicateReadings, List<String> unavailable) {
    public DataQuality {
        unavailable = List.copyOf(unavailable);
    }

    /** For card texts: "vital signs (home and office blood pressure); active medications". */
    public String unavailableList() {
        return String.join("; ", unavailable);
    }

    public boolean hasUnavailableData() {
        return !unavailable.isEmpty();
    }
}

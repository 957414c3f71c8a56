package health.flipside.fhir;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIR data of one hook call, by prefetch key, whichever way it came (prefetch or callback).
 *
 * @param unavailable descriptions of the data that could be had neither way (the answer is partial)
 */
public record ResolvedData(Map<String, List<Resource>> byKey, List<String> unavailable) {
    public ResolvedData {
        byKey = Map.copyOf(byKey);
        unavailable = List.copyOf(unavailable);
    }

    public List<Resource> all() {
        return byKey.values().stream().flatMap(List::stream).toList();
    }
}

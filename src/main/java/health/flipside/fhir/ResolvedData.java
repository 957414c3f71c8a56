package health.flipside.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIR data of one hook call, by prefetch key, whichever way it came (prefetch or callback). Observations are
 * kept apart, as {@link ObservationView}s: read from the request's JSON, or through HAPI. An Observation handed
 * in among {@code byKey}'s resources (a callback's answer, an author's Bundle) joins its key's views, after those
 * already there.
 *
 * @param byKey        every resolved key, with its resources other than Observations
 * @param observations the Observations by key, in the order they came
 * @param unavailable  the prefetch keys of the data that could be had neither way (the answer is partial)
 */
public record ResolvedData(Map<String, List<Resource>> byKey, Map<String, List<ObservationView>> observations,
                           List<String> unavailable) {
    public ResolvedData {
        Set<String> keys = new LinkedHashSet<>(byKey.keySet());
        keys.addAll(observations.keySet());
        Map<String, List<Resource>> resources = new HashMap<>();
        Map<String, List<ObservationView>> views = new HashMap<>();
        for (String key : keys) {
            List<Resource> others = new ArrayList<>();
            List<ObservationView> read = new ArrayList<>(observations.getOrDefault(key, List.of()));
            for (Resource resource : byKey.getOrDefault(key, List.of())) {
                if (resource instanceof Observation observation) {
                    read.add(new HapiObservation(observation));
                } else {
                    others.add(resource);
                }
            }
            resources.put(key, List.copyOf(others));
            views.put(key, List.copyOf(read));
        }
        byKey = Map.copyOf(resources);
        observations = Map.copyOf(views);
        unavailable = List.copyOf(unavailable);
    }

    /** Data read through HAPI only (callbacks, authoring Bundles, tests). */
    public ResolvedData(Map<String, List<Resource>> byKey, List<String> unavailable) {
        this(byKey, Map.of(), unavailable);
    }

    /** Every resource other than the Observations. */
    public List<Resource> all() {
        return byKey.values().stream().flatMap(List::stream).toList();
    }

    /** Every Observation. */
    public List<ObservationView> allObservations() {
        return byKey.keySet().stream().flatMap(key -> observations.get(key).stream()).toList();
    }
}

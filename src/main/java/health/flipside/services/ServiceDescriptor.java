package health.flipside.services;

import java.util.List;

import health.flipside.fhir.PrefetchQuery;

/**
 * A CDS service as the code uses it and as discovery advertises it: one record, so the two cannot drift.
 *
 * @param usageRequirements human-readable preconditions (CDS Hooks "Discovery"), may be null
 */
public record ServiceDescriptor(String id, String hook, String title, String description,
                                List<PrefetchQuery> prefetch, String usageRequirements) {
    public ServiceDescriptor {
        prefetch = List.copyOf(prefetch);
    }
}

package health.flipside.hooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import health.flipside.fhir.PrefetchQuery;
import health.flipside.services.ServiceDescriptor;

/** {@code GET /cds-services} body (CDS Hooks 2.0 "Discovery" › "Response"), made from the service descriptors. */
public record DiscoveryResponse(List<Service> services) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Service(String hook, String title, String description, String id, Map<String, String> prefetch,
                          String usageRequirements) {
    }

    public static DiscoveryResponse of(List<ServiceDescriptor> descriptors) {
        return new DiscoveryResponse(descriptors.stream().map(d -> {
            Map<String, String> prefetch = new LinkedHashMap<>();
            for (PrefetchQuery query : d.prefetch()) {
                prefetch.put(query.key(), query.template());
            }
            return new Service(d.hook(), d.title(), d.description(), d.id(), prefetch, d.usageRequirements());
        }).toList());
    }
}

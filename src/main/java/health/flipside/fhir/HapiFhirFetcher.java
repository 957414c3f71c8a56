package health.flipside.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;

/**
 * FHIR callbacks with the HAPI generic client: bearer token from {@code fhirAuthorization}, socket and connect
 * timeouts on the shared client factory, search pages followed until {@code maxResources}.
 */
public final class HapiFhirFetcher implements FhirFetcher {
    private final FhirContext context;
    private final int maxResources;

    public HapiFhirFetcher(FhirContext context, int timeoutMillis, int maxResources) {
        this.context = context;
        this.maxResources = maxResources;
        context.getRestfulClientFactory().setConnectTimeout(timeoutMillis);
        context.getRestfulClientFactory().setSocketTimeout(timeoutMillis);
        context.getRestfulClientFactory().setConnectionRequestTimeout(timeoutMillis);
    }

    @Override
    public List<Resource> fetch(FhirAccess access, String relativeUrl) {
        IGenericClient client = context.newRestfulGenericClient(access.serverBase());
        if (access.accessToken() != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(access.accessToken()));
        }
        try {
            Resource first = (Resource) client.fetchResourceFromUrl(expectedType(relativeUrl), absolute(access, relativeUrl));
            if (!(first instanceof Bundle bundle)) {
                return List.of(first);
            }
            List<Resource> resources = new ArrayList<>();
            while (true) {
                bundle.getEntry().stream()
                        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
                        .map(Bundle.BundleEntryComponent::getResource)
                        .filter(r -> r != null)
                        .forEach(resources::add);
                if (resources.size() >= maxResources || bundle.getLink(Bundle.LINK_NEXT) == null) {
                    return resources.size() > maxResources ? List.copyOf(resources.subList(0, maxResources)) : resources;
                }
                bundle = client.loadPage().next(bundle).execute();
            }
        } catch (RuntimeException e) {
            // HAPI messages and causes can echo the URL (with the patient id): keep only the exception type.
            throw new FhirFetchException("FHIR callback failed: " + e.getClass().getSimpleName());
        }
    }

    /** HAPI needs a concrete class: a search answers a Bundle, a read the resource type the URL names. */
    private Class<? extends IBaseResource> expectedType(String relativeUrl) {
        if (relativeUrl.contains("?")) {
            return Bundle.class;
        }
        String type = relativeUrl.split("/")[0];
        return context.getResourceDefinition(type).getImplementingClass();
    }

    private static String absolute(FhirAccess access, String relativeUrl) {
        String base = access.serverBase().endsWith("/") ? access.serverBase() : access.serverBase() + "/";
        return base + relativeUrl;
    }
}

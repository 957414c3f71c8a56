package health.flipside.fhir;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.ProtocolException;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.client.DefaultRedirectStrategy;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.protocol.HttpContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;

/**
 * FHIR callbacks with the HAPI generic client: socket and connect timeouts on the shared client factory, search pages
 * followed until {@code maxResources}. The bearer token from {@code fhirAuthorization} is sent to the fhirServer's
 * origin only: a next link to another origin ends the search as failed, and a redirect is followed only within the
 * origin. Paging stops at the call's deadline and when a next link repeats a page already read, so a server that
 * links a page to itself cannot keep Flipside fetching after it has answered.
 */
public final class HapiFhirFetcher implements FhirFetcher {
    private final FhirContext context;
    private final int maxResources;
    private final Duration deadline;

    /** @param deadline how long one fetch may page, all pages together (the call's callback deadline) */
    public HapiFhirFetcher(FhirContext context, int timeoutMillis, int maxResources, Duration deadline) {
        this.context = context;
        this.maxResources = maxResources;
        this.deadline = deadline;
        context.getRestfulClientFactory().setConnectTimeout(timeoutMillis);
        context.getRestfulClientFactory().setSocketTimeout(timeoutMillis);
        context.getRestfulClientFactory().setConnectionRequestTimeout(timeoutMillis);
    }

    @Override
    public List<Resource> fetch(FhirAccess access, String relativeUrl) {
        long stopAt = System.nanoTime() + deadline.toNanos();
        Origin origin;
        try {
            origin = Origin.of(access.serverBase());
        } catch (IllegalArgumentException e) {
            throw new FhirFetchException("FHIR callback failed: fhirServer is not an absolute http(s) URL");
        }
        IGenericClient client = context.newRestfulGenericClient(access.serverBase());
        if (access.accessToken() != null) {
            client.registerInterceptor(new OriginBoundBearerToken(origin, access.accessToken()));
        }
        try {
            String url = absolute(access, relativeUrl);
            Resource first = (Resource) client.fetchResourceFromUrl(expectedType(relativeUrl), url);
            if (!(first instanceof Bundle bundle)) {
                return List.of(first);
            }
            List<Resource> resources = new ArrayList<>();
            Set<String> pagesRead = new HashSet<>(Set.of(url));
            while (true) {
                bundle.getEntry().stream()
                        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
                        .map(Bundle.BundleEntryComponent::getResource)
                        .filter(r -> r != null)
                        .forEach(resources::add);
                Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
                if (resources.size() >= maxResources || next == null || !pagesRead.add(next.getUrl())) {
                    return resources.size() > maxResources ? List.copyOf(resources.subList(0, maxResources)) : resources;
                }
                if (!origin.contains(next.getUrl())) {
                    throw new FhirFetchException("FHIR callback failed: a next link leaves the fhirServer's origin");
                }
                if (System.nanoTime() - stopAt > 0) {
                    throw new FhirFetchException("FHIR callback failed: paging passed the deadline of " + deadline.toMillis() + " ms");
                }
                bundle = client.loadPage().next(bundle).execute();
            }
        } catch (FhirFetchException e) {
            throw e;
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

    /** The EHR's bearer token on requests to the fhirServer's origin, and on no other. */
    private record OriginBoundBearerToken(Origin origin, String token) implements IClientInterceptor {
        @Override
        public void interceptRequest(IHttpRequest request) {
            if (origin.contains(request.getUri())) {
                request.addHeader("Authorization", "Bearer " + token);
            }
        }

        @Override
        public void interceptResponse(IHttpResponse response) throws IOException {
            // nothing to do
        }
    }

    /**
     * HAPI's Apache client, following a redirect only within the origin it was sent to (Apache copies every
     * request header, the token among them, to the redirect's target). A redirect elsewhere is answered as it
     * came, a 3xx, which fails the callback. Installed on the one context by {@link FhirR4}.
     */
    static final class SameOriginRedirects extends ApacheRestfulClientFactory {
        SameOriginRedirects(FhirContext context) {
            super(context);
        }

        @Override
        protected HttpClientBuilder getHttpClientBuilder() {
            return super.getHttpClientBuilder().setRedirectStrategy(new DefaultRedirectStrategy() {
                @Override
                public boolean isRedirected(HttpRequest request, HttpResponse response, HttpContext httpContext)
                        throws ProtocolException {
                    org.apache.http.Header location = response.getFirstHeader("Location");
                    if (!super.isRedirected(request, response, httpContext) || location == null) {
                        return false;
                    }
                    // Resolved here, not with getLocationURI: that records the target, and Apache's own call would
                    // then find it "visited" and refuse the redirect as circular.
                    String from = HttpClientContext.adapt(httpContext).getTargetHost().toURI();
                    try {
                        return Origin.of(from).contains(URI.create(from + "/").resolve(location.getValue().trim()).toString());
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }
            });
        }
    }
}

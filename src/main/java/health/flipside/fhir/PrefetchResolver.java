package health.flipside.fhir;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;

/**
 * Uses every prefetch key the EHR sent and fetches the rest from {@code fhirServer}, in parallel, all within one
 * deadline (CDS Hooks 2.0 "Prefetch Template": a key absent or holding an OperationOutcome was not satisfied;
 * {@code null} means "no data"). A failed or late callback makes the answer partial, never an error.
 */
public final class PrefetchResolver {
    private static final Logger LOG = Logger.getLogger(PrefetchResolver.class.getName());

    private final FhirFetcher fetcher;
    private final Executor executor;
    private final Duration deadline;
    private final CallbackListener listener;

    public PrefetchResolver(FhirFetcher fetcher, Executor executor, Duration deadline) {
        this(fetcher, executor, deadline, CallbackListener.NONE);
    }

    public PrefetchResolver(FhirFetcher fetcher, Executor executor, Duration deadline, CallbackListener listener) {
        this.fetcher = fetcher;
        this.executor = executor;
        this.deadline = deadline;
        this.listener = listener;
    }

    /**
     * @param access    the EHR's FHIR server and token, or null when the request carried no fhirServer
     * @param tokens    prefetch token values ("context.patientId" → "123")
     * @param dataSince lower date bound Flipside puts on its own searches
     * @throws PrefetchUnavailableException when required data is missing and there is no server to ask
     * @throws InvalidPrefetchException     when a prefetch value is not a FHIR resource
     */
    public ResolvedData resolve(List<PrefetchQuery> queries, Map<String, JsonNode> prefetch, FhirAccess access,
                                Map<String, String> tokens, Instant dataSince) {
        Map<String, List<Resource>> byKey = new HashMap<>();
        List<PrefetchQuery> toFetch = new ArrayList<>();
        IParser parser = FhirR4.context().newJsonParser();
        for (PrefetchQuery query : queries) {
            JsonNode value = prefetch.get(query.key());
            if (value != null && value.isNull()) {
                byKey.put(query.key(), List.of());
                continue;
            }
            Resource resource = value == null ? null : parse(parser, query.key(), relevantOnly(value, query.relevantCodes()));
            if (resource == null || resource instanceof OperationOutcome) {
                toFetch.add(query);
            } else {
                byKey.put(query.key(), entries(resource));
            }
        }
        if (access == null) {
            List<String> missingRequired = toFetch.stream().filter(PrefetchQuery::required).map(PrefetchQuery::key).toList();
            if (!missingRequired.isEmpty()) {
                throw new PrefetchUnavailableException(missingRequired);
            }
            return new ResolvedData(byKey, toFetch.stream().map(PrefetchQuery::description).toList());
        }
        return new ResolvedData(byKey, fetchAll(toFetch, access, tokens, dataSince, byKey));
    }

    /** Fetches in parallel; returns the descriptions of what could not be had in time. */
    private List<String> fetchAll(List<PrefetchQuery> queries, FhirAccess access, Map<String, String> tokens,
                                  Instant dataSince, Map<String, List<Resource>> into) {
        long started = System.nanoTime();
        long deadlineNanos = started + deadline.toNanos();
        Map<PrefetchQuery, CompletableFuture<List<Resource>>> pending = new LinkedHashMap<>();
        for (PrefetchQuery query : queries) {
            String url = callbackUrl(query, tokens, dataSince);
            pending.put(query, CompletableFuture.supplyAsync(() -> fetcher.fetch(access, url), executor));
        }
        List<String> unavailable = new ArrayList<>();
        pending.forEach((query, future) -> {
            CallbackListener.Outcome outcome = CallbackListener.Outcome.OK;
            try {
                into.put(query.key(), future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                // No interrupt: the fetch ends on its own socket timeout; interrupting class loading breaks HAPI.
                future.cancel(false);
                outcome = CallbackListener.Outcome.TIMED_OUT;
                LOG.warning(() -> "FHIR callback for prefetch key '" + query.key() + "' exceeded the deadline of " + deadline.toMillis() + " ms");
            } catch (ExecutionException e) {
                outcome = CallbackListener.Outcome.FAILED;
                LOG.warning(() -> "FHIR callback for prefetch key '" + query.key() + "' failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = CallbackListener.Outcome.FAILED;
            }
            if (outcome != CallbackListener.Outcome.OK) {
                unavailable.add(query.description());
            }
            listener.completed(query.key(), Duration.ofNanos(System.nanoTime() - started), outcome);
        });
        return unavailable;
    }

    static String callbackUrl(PrefetchQuery query, Map<String, String> tokens, Instant dataSince) {
        String url = PrefetchTemplates.render(query.template(), tokens);
        if (query.dateParam() != null && dataSince != null) {
            url += (url.contains("?") ? "&" : "?") + query.dateParam() + "=ge" + dataSince.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        return url;
    }

    /**
     * Drops Observations Flipside does not read from a prefetched Bundle, on the JSON tree: building HAPI models of
     * every heart-rate sample costs far more than the whole rest of the call (bench/README.md).
     */
    static JsonNode relevantOnly(JsonNode value, java.util.Set<String> relevantCodes) {
        if (relevantCodes.isEmpty() || !"Bundle".equals(value.path("resourceType").asText()) || !value.path("entry").isArray()) {
            return value;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) value).deepCopy();
        java.util.Iterator<JsonNode> entries = copy.withArray("entry").elements();
        while (entries.hasNext()) {
            JsonNode resource = entries.next().path("resource");
            if ("Observation".equals(resource.path("resourceType").asText()) && !hasCode(resource, relevantCodes)) {
                entries.remove();
            }
        }
        return copy;
    }

    private static boolean hasCode(JsonNode observation, java.util.Set<String> codes) {
        for (JsonNode coding : observation.path("code").path("coding")) {
            if (codes.contains(coding.path("system").asText() + "|" + coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Resource parse(IParser parser, String key, JsonNode value) {
        if (!value.isObject() || !value.has("resourceType")) {
            throw new InvalidPrefetchException(key, "prefetch." + key + " must be a FHIR resource (an object with resourceType) or null");
        }
        try {
            return (Resource) parser.parseResource(value.toString());
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidPrefetchException(key, "prefetch." + key + " is not a valid FHIR R4 resource");
        }
    }

    private static List<Resource> entries(Resource resource) {
        if (resource instanceof Bundle bundle) {
            return bundle.getEntry().stream()
                    .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r != null)
                    .toList();
        }
        return List.of(resource);
    }
}

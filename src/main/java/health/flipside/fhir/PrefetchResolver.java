package health.flipside.fhir;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;

/**
 * Uses every prefetch key the EHR sent and fetches the rest from {@code fhirServer}, in parallel, all within one
 * deadline (CDS Hooks 2.0 "Prefetch Template": a key absent or holding an OperationOutcome was not satisfied;
 * {@code null} means "no data"). A failed or late callback makes the answer partial, never an error.
 */
public final class PrefetchResolver {
    private static final Logger LOG = Logger.getLogger(PrefetchResolver.class.getName());
    /** Devices read by id are kept under their own keys ("device:Device/abc") beside the prefetch keys. */
    static final String DEVICE_KEY_PREFIX = "device:";

    private final FhirFetcher fetcher;
    private final Executor executor;
    private final Duration deadline;
    private final CallbackListener listener;
    private final boolean observationsFromTree;

    public PrefetchResolver(FhirFetcher fetcher, Executor executor, Duration deadline) {
        this(fetcher, executor, deadline, CallbackListener.NONE);
    }

    public PrefetchResolver(FhirFetcher fetcher, Executor executor, Duration deadline, CallbackListener listener) {
        this(fetcher, executor, deadline, listener, true);
    }

    /** @param observationsFromTree false reads every prefetched Observation through HAPI (the test of both routes) */
    PrefetchResolver(FhirFetcher fetcher, Executor executor, Duration deadline, CallbackListener listener,
                     boolean observationsFromTree) {
        this.fetcher = fetcher;
        this.executor = executor;
        this.deadline = deadline;
        this.listener = listener;
        this.observationsFromTree = observationsFromTree;
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
        return resolve(queries, prefetch, Map.of(), access, tokens, dataSince);
    }

    /**
     * @param streamed the prefetch Bundles whose entries were read while the request was parsed ({@link StreamedBundle}),
     *                 by key; {@code prefetch} holds their other fields
     */
    public ResolvedData resolve(List<PrefetchQuery> queries, Map<String, JsonNode> prefetch, Map<String, StreamedBundle> streamed,
                                FhirAccess access, Map<String, String> tokens, Instant dataSince) {
        Map<String, List<Resource>> byKey = new HashMap<>();
        Map<String, List<ObservationView>> observations = new HashMap<>();
        List<PrefetchQuery> toFetch = new ArrayList<>();
        IJsonLikeParser parser = (IJsonLikeParser) FhirR4.context().newJsonParser();
        for (PrefetchQuery query : queries) {
            JsonNode value = prefetch.get(query.key());
            if (value != null && value.isNull()) {
                byKey.put(query.key(), List.of());
                continue;
            }
            StreamedBundle bundle = streamed.get(query.key());
            Optional<Read> read = bundle != null ? Optional.of(bundle.read())
                    : value == null ? Optional.empty()
                    : read(parser, query.key(), value, query.relevantCodes(), observationsFromTree);
            if (read.isEmpty()) {
                toFetch.add(query);
            } else {
                byKey.put(query.key(), read.get().resources());
                observations.put(query.key(), read.get().observations());
            }
        }
        if (access == null) {
            List<String> missingRequired = toFetch.stream().filter(PrefetchQuery::required).map(PrefetchQuery::key).toList();
            if (!missingRequired.isEmpty()) {
                throw new PrefetchUnavailableException(missingRequired);
            }
            return new ResolvedData(byKey, observations, toFetch.stream().map(PrefetchQuery::key).toList());
        }
        long started = System.nanoTime();
        long deadlineNanos = started + deadline.toNanos();
        Map<String, String> urls = new LinkedHashMap<>();
        for (PrefetchQuery query : toFetch) {
            urls.put(query.key(), callbackUrl(query, tokens, dataSince));
        }
        List<String> unavailable = new ArrayList<>(fetchAll(urls, access, started, deadlineNanos, byKey));
        // Second round, same deadline: the Devices the readings name but the record did not bring (PHD devices
        // carry no patient element). A Device still missing after it leaves its readings at the lowest tier.
        Map<String, String> deviceReads = new LinkedHashMap<>();
        MissingDevices.toRead(new ResolvedData(byKey, observations, List.of()), access.serverBase())
                .forEach(url -> deviceReads.put(DEVICE_KEY_PREFIX + url, url));
        if (!deviceReads.isEmpty()) {
            fetchAll(deviceReads, access, started, deadlineNanos, byKey);
        }
        return new ResolvedData(byKey, observations, unavailable);
    }

    /** One fetch under way; refused by a full executor, it is a failed fetch: that key's data is unavailable. */
    private CompletableFuture<List<Resource>> fetch(FhirAccess access, String url) {
        try {
            return CompletableFuture.supplyAsync(() -> fetcher.fetch(access, url), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Fetches every URL (by key) in parallel until the deadline; puts what arrived under its key and returns the
     * keys that could not be had in time.
     */
    private List<String> fetchAll(Map<String, String> urlsByKey, FhirAccess access, long started, long deadlineNanos,
                                  Map<String, List<Resource>> into) {
        Map<String, CompletableFuture<List<Resource>>> pending = new LinkedHashMap<>();
        urlsByKey.forEach((key, url) -> pending.put(key, fetch(access, url)));
        List<String> unavailable = new ArrayList<>();
        pending.forEach((key, future) -> {
            // Metrics and logs name the kind of data, never a device id (one device id is one patient).
            String label = key.startsWith(DEVICE_KEY_PREFIX) ? "device" : key;
            CallbackListener.Outcome outcome = CallbackListener.Outcome.OK;
            try {
                into.put(key, future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                // No interrupt: the fetch ends on its own socket timeout; interrupting class loading breaks HAPI.
                future.cancel(false);
                outcome = CallbackListener.Outcome.TIMED_OUT;
                LOG.warning(() -> "FHIR callback for '" + label + "' exceeded the deadline of " + deadline.toMillis() + " ms");
            } catch (ExecutionException e) {
                outcome = CallbackListener.Outcome.FAILED;
                LOG.warning(() -> "FHIR callback for '" + label + "' failed: " + e.getCause().getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = CallbackListener.Outcome.FAILED;
            }
            if (outcome != CallbackListener.Outcome.OK) {
                unavailable.add(key);
            }
            listener.completed(label, Duration.ofNanos(System.nanoTime() - started), outcome);
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

    /** A prefetch value's resources: the Observations apart, as views. */
    record Read(List<Resource> resources, List<ObservationView> observations) {
    }

    /**
     * The resources of a prefetch value: a single resource, or the entries of a Bundle, each read on its own from
     * the request's Jackson tree. Reading entry by entry skips HAPI's Bundle-wide reference stitching (Flipside
     * resolves references by id, see RecordDevices) and lets Observations Flipside does not read be dropped on the
     * JSON tree. The Observations it reads are read from the tree itself ({@link JsonObservation}); HAPI models are
     * built only for the other resources and for Observations of unusual shape: building a model of every reading
     * costs far more than the rest of the call (bench/README.md). Empty when the value is an OperationOutcome (the
     * EHR could not prefetch it).
     */
    static Optional<Read> read(IJsonLikeParser parser, String key, JsonNode value, Set<String> relevantCodes) {
        return read(parser, key, value, relevantCodes, true);
    }

    static Optional<Read> read(IJsonLikeParser parser, String key, JsonNode value, Set<String> relevantCodes,
                               boolean observationsFromTree) {
        List<Resource> resources = new ArrayList<>();
        List<ObservationView> observations = new ArrayList<>();
        if (!"Bundle".equals(value.path("resourceType").asText())) {
            if (!add(parser, key, value, null, observationsFromTree, resources, observations)) {
                return Optional.empty();
            }
            return Optional.of(new Read(resources, observations));
        }
        JsonNode entries = value.path("entry");
        if (!entries.isMissingNode() && !entries.isArray()) {
            throw new InvalidPrefetchException(key, "prefetch." + key + ".entry must be an array");
        }
        for (JsonNode entry : entries) {
            addEntry(parser, key, entry, relevantCodes, observationsFromTree, resources, observations);
        }
        return Optional.of(new Read(resources, observations));
    }

    /** One Bundle entry into the lists; a search outcome, an entry without a resource or an unread code is skipped. */
    static void addEntry(IJsonLikeParser parser, String key, JsonNode entry, Set<String> relevantCodes, boolean fromTree,
                         List<Resource> resources, List<ObservationView> observations) {
        JsonNode resource = entry.path("resource");
        if (!resource.isObject() || "outcome".equals(entry.path("search").path("mode").asText())
                || (!relevantCodes.isEmpty() && "Observation".equals(resource.path("resourceType").asText())
                        && !hasCode(resource, relevantCodes))) {
            return;
        }
        add(parser, key, resource, entry.path("fullUrl").asText(""), fromTree, resources, observations);
    }

    /**
     * Reads one resource into the lists: an Observation from the tree when its shape allows, else through HAPI.
     *
     * @param fullUrl the Bundle entry's fullUrl ("" when it has none), or null for a resource sent on its own
     * @return false when a value sent on its own is an OperationOutcome (the key was not satisfied)
     */
    private static boolean add(IJsonLikeParser parser, String key, JsonNode value, String fullUrl, boolean fromTree,
                               List<Resource> resources, List<ObservationView> observations) {
        if (fromTree && "Observation".equals(value.path("resourceType").textValue())) {
            Optional<ObservationView> read = JsonObservation.read(value, fullUrl);
            if (read.isPresent()) {
                observations.add(read.get());
                return true;
            }
        }
        Resource parsed = parse(parser, key, value);
        if (fullUrl == null && parsed instanceof OperationOutcome) {
            return false;
        }
        if (fullUrl != null && !fullUrl.isBlank()) {
            parsed.setIdElement(new IdType(fullUrl)); // as HAPI does for a Bundle's entries
        }
        if (parsed instanceof Observation observation) {
            observations.add(new HapiObservation(observation));
        } else {
            resources.add(parsed);
        }
        return true;
    }

    private static boolean hasCode(JsonNode observation, Set<String> codes) {
        for (JsonNode coding : observation.path("code").path("coding")) {
            if (codes.contains(coding.path("system").asText() + "|" + coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Resource parse(IJsonLikeParser parser, String key, JsonNode value) {
        if (!value.isObject() || !value.has("resourceType")) {
            throw new InvalidPrefetchException(key, "prefetch." + key + " must be a FHIR resource (an object with resourceType) or null");
        }
        try {
            // HAPI reads the request's own Jackson tree: no second serialisation and tokenisation of a 4 MB body.
            JacksonStructure json = new JacksonStructure();
            json.setNativeObject((ObjectNode) value);
            return (Resource) parser.parseResource(json);
        } catch (RuntimeException e) { // DataFormatException, and HAPI's own faults on odd input, e.g. {"": ""}
            throw new InvalidPrefetchException(key, "prefetch." + key + " is not a valid FHIR R4 resource");
        }
    }
}

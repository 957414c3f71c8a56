package health.flipside.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.parser.IJsonLikeParser;

/**
 * A prefetch Bundle read entry by entry while the request body is parsed: each entry becomes its readings (or its
 * HAPI resource) as soon as it is parsed, so the Bundle's whole JSON tree, about seven times the body's size, never
 * exists and what the garbage collector must copy while the call runs is the readings, not the tree
 * (bench/README.md). The entries are read exactly as {@link PrefetchResolver} reads a Bundle's tree.
 *
 * <p>A problem with an entry is kept, not thrown: it is thrown when the key is resolved, after the rest of the request
 * was checked, so a request with several problems is answered with the same one as when it was read whole.
 */
public final class StreamedBundle {
    private final String key;
    private final Set<String> relevantCodes;
    private final List<Resource> resources = new ArrayList<>();
    private final List<ObservationView> observations = new ArrayList<>();
    private IJsonLikeParser parser;
    private InvalidPrefetchException problem;

    /** @param relevantCodes the key's query's codes ("system|code"); empty reads every Observation */
    public StreamedBundle(String key, Set<String> relevantCodes) {
        this.key = key;
        this.relevantCodes = relevantCodes;
    }

    /** One element of the Bundle's {@code entry} array, as its own small tree. */
    public void add(JsonNode entry) {
        if (problem != null) {
            return;
        }
        if (parser == null) {
            parser = (IJsonLikeParser) FhirR4.context().newJsonParser();
        }
        try {
            PrefetchResolver.addEntry(parser, key, entry, relevantCodes, true, resources, observations);
        } catch (InvalidPrefetchException e) {
            problem = e;
        }
    }

    /** A problem of the Bundle as a whole, e.g. "names two resourceTypes" (thrown when the key is resolved). */
    public void refuse(String problem) {
        if (this.problem == null) {
            this.problem = new InvalidPrefetchException(key, "prefetch." + key + " " + problem);
        }
    }

    PrefetchResolver.Read read() {
        if (problem != null) {
            throw problem;
        }
        return new PrefetchResolver.Read(resources, observations);
    }
}

package health.flipside.fhir;

import static health.flipside.fhir.JsonTokens.firstField;
import static health.flipside.fhir.JsonTokens.nextField;
import static health.flipside.fhir.JsonTokens.require;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.parser.IJsonLikeParser;
import health.flipside.fhir.JsonTokens.Unusual;

/**
 * A prefetch Bundle read entry by entry while the request body is parsed: each entry becomes its readings (or its
 * HAPI resource) as soon as it is parsed, so the Bundle's whole JSON tree, about seven times the body's size, never
 * exists and what the garbage collector must copy while the call runs is the readings, not the tree
 * (bench/README.md). The entries are read exactly as {@link PrefetchResolver} reads a Bundle's tree.
 *
 * <p>An entry holding an Observation of the usual shape is read from the body's tokens as they come
 * ({@link JsonObservation}), with no tree at all. Any other entry is read again from its part of the body as a tree
 * and taken as a Bundle's tree is: HAPI for other resources, and the same answer as before for odd shapes.
 *
 * <p>A problem with an entry is kept, not thrown: it is thrown when the key is resolved, after the rest of the request
 * was checked, so a request with several problems is answered with the same one as when it was read whole.
 */
public final class StreamedBundle {
    private final String key;
    private final Set<String> relevantCodes;
    private final List<Resource> resources = new ArrayList<>();
    private final List<ObservationView> observations = new ArrayList<>();
    private final Concepts concepts;
    private IJsonLikeParser parser;
    private InvalidPrefetchException problem;

    /**
     * @param relevantCodes the key's query's codes ("system|code"); empty reads every Observation
     * @param utf8Body the request body's bytes when the parser reads them (its offsets are then in bytes), so that its
     *                 repeated concepts are known by their bytes ({@link Concepts}); null when it reads text
     */
    public StreamedBundle(String key, Set<String> relevantCodes, byte[] utf8Body) {
        this.key = key;
        this.relevantCodes = relevantCodes;
        this.concepts = new Concepts(utf8Body);
    }

    /** Reads a part of the request body again, as a tree, from its first token to its last (inclusive). */
    public interface Source {
        JsonNode tree(JsonLocation first, JsonLocation last) throws IOException;
    }

    /**
     * One element of the Bundle's {@code entry} array, from its first token (the parser's current one) to its last.
     *
     * @throws IOException the body is not JSON, or over a limit of the parser: the body's problem, named as before
     */
    public void read(JsonParser parser, Source body) throws IOException {
        if (problem != null || parser.currentToken() != JsonToken.START_OBJECT) {
            // after a problem nothing counts; an entry that is not an object holds no resource
            JsonTokens.skipValue(parser);
            return;
        }
        JsonLocation first = parser.currentTokenLocation();
        int depth = parser.getParsingContext().getNestingDepth();
        try {
            JsonObservation observation = observationEntry(parser);
            if (observation != null) {
                observations.add(observation);
            }
        } catch (Unusual e) {
            JsonTokens.skipToEnd(parser, depth);
            add(body.tree(first, parser.currentTokenLocation()));
        }
    }

    /**
     * An entry of the usual shape holding an Observation, or null when the entry is one the tree route skips (a
     * search outcome, no resource, an Observation of none of the key's codes). Other elements (request, response,
     * link) are unusual: the tree route reads them.
     */
    private JsonObservation observationEntry(JsonParser p) throws Unusual, IOException {
        String fullUrl = null;
        JsonObservation observation = null;
        boolean outcome = false;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "fullUrl" -> {
                    require(p.currentToken() == JsonToken.VALUE_STRING);
                    fullUrl = p.getText();
                }
                case "resource" -> observation = JsonObservation.read(p, concepts);
                case "search" -> outcome = isOutcome(p);
                default -> throw Unusual.INSTANCE;
            }
        }
        if (observation == null || outcome || (!relevantCodes.isEmpty() && !observation.code().hasAnyOf(relevantCodes))) {
            return null;
        }
        observation.identify(fullUrl);
        return observation;
    }

    /** Whether an entry's {@code search} (mode and score) says it is an outcome, not a match. */
    private static boolean isOutcome(JsonParser p) throws Unusual, IOException {
        String mode = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "mode" -> {
                    require(p.currentToken() == JsonToken.VALUE_STRING);
                    mode = p.getText();
                }
                case "score" -> require(p.currentToken().isNumeric());
                default -> throw Unusual.INSTANCE;
            }
        }
        return "outcome".equals(mode);
    }

    /** One element of the Bundle's {@code entry} array, as its own small tree. */
    private void add(JsonNode entry) {
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

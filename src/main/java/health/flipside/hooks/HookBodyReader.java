package health.flipside.hooks;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.fhir.PrefetchQuery;
import health.flipside.fhir.StreamedBundle;
import health.flipside.support.JsonBodies;
import health.flipside.support.RequestBody;

/**
 * Reads a hook request body in one pass. Everything but the prefetch Bundles of the service's own keys is read as
 * JSON trees, as before; those Bundles' entries are read one at a time into their readings ({@link StreamedBundle}),
 * so the body's largest part never becomes one tree. What the request says, and every problem it has, is the same as
 * when the body is read whole ({@code HookBodyReaderTest} holds the two readings to each other).
 *
 * <p>A Bundle is streamed only when its {@code resourceType} comes before its {@code entry} (as every FHIR server
 * writes it); otherwise, and for every other value, the tree is read.
 */
final class HookBodyReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param root     the body's fields; "prefetch" among them only when it is not an object (the checks name it)
     * @param prefetch the prefetch values by key, a streamed Bundle's without its entries; null when "prefetch" was
     *                 not an object (or absent)
     * @param entries  the entries of every prefetch value, by key
     */
    record Body(ObjectNode root, Map<String, JsonNode> prefetch, Map<String, StreamedBundle> streamed, Map<String, Long> entries) {
    }

    private HookBodyReader() {
    }

    /** The body, or the same {@code InvalidRequestException} the whole-tree reading gives (empty, not JSON, not an object). */
    static Body read(ObjectMapper mapper, RequestBody body, List<PrefetchQuery> queries) {
        Map<String, Set<String>> codes = new HashMap<>();
        queries.forEach(q -> codes.put(q.key(), q.relevantCodes()));
        Source source = new Source(mapper, body);
        return JsonBodies.stream(mapper, body, "a CDS Hooks request", parser -> {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = NODES.objectNode();
            Body prefetch = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("prefetch") && value == JsonToken.START_OBJECT) {
                    root.remove("prefetch"); // the last of two "prefetch" fields counts, as in a tree
                    prefetch = prefetch(mapper, source, parser, root, codes);
                } else {
                    if (name.equals("prefetch")) {
                        prefetch = null;
                    }
                    root.replace(name, tree(mapper, parser));
                }
            }
            return prefetch == null ? new Body(root, null, Map.of(), Map.of()) : prefetch;
        });
    }

    /** The prefetch object, from its start: each key's value read, the service's Bundles streamed. */
    private static Body prefetch(ObjectMapper mapper, Source source, JsonParser parser, ObjectNode root, Map<String, Set<String>> codes)
            throws IOException {
        Map<String, JsonNode> values = new HashMap<>();
        Map<String, StreamedBundle> streamed = new HashMap<>();
        Map<String, Long> entries = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            streamed.remove(key); // a key named twice: the last value counts, as in a tree
            if (value == JsonToken.START_OBJECT && codes.containsKey(key)) {
                Value read = resource(mapper, source, parser, new StreamedBundle(key, codes.get(key), source.utf8()));
                values.put(key, read.fields());
                if (read.streamed() != null) {
                    streamed.put(key, read.streamed());
                    entries.put(key, read.streamedEntries());
                } else {
                    entries.put(key, (long) read.fields().path("entry").size());
                }
            } else {
                JsonNode tree = tree(mapper, parser);
                values.put(key, tree);
                entries.put(key, (long) tree.path("entry").size());
            }
        }
        return new Body(root, values, streamed, entries);
    }

    /**
     * A prefetch value: its fields but a streamed {@code entry}, and the Bundle its entries were read into (null when
     * they were not streamed, then the fields hold them).
     */
    private record Value(ObjectNode fields, StreamedBundle streamed, long streamedEntries) {
    }

    /** One prefetch value, from its start: a Bundle's {@code entry} array read entry by entry, the rest as trees. */
    private static Value resource(ObjectMapper mapper, Source source, JsonParser parser, StreamedBundle bundle) throws IOException {
        ObjectNode fields = NODES.objectNode();
        boolean isBundle = false;
        boolean streamed = false;
        long count = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("entry") && isBundle && value == JsonToken.START_ARRAY && !fields.has("entry") && !streamed) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    count++;
                    bundle.read(parser, source);
                }
                streamed = true;
                continue;
            }
            JsonNode tree = tree(mapper, parser);
            if (name.equals("entry")) {
                streamed = false; // a second "entry" replaces the first, as in a tree: the fields hold it
            }
            if (name.equals("resourceType")) {
                if (streamed && !"Bundle".equals(tree.textValue())) {
                    // read whole, the value would not be a Bundle after all, but its entries are gone: no server sends this
                    bundle.refuse("names two resourceTypes");
                }
                isBundle = "Bundle".equals(tree.textValue());
            }
            fields.replace(name, tree);
        }
        return streamed ? new Value(fields, bundle, count) : new Value(fields, null, 0);
    }

    /**
     * The body read again in part, as a tree: the entries a streamed Bundle does not read from the tokens. The offsets
     * are the parser's own, in bytes for a UTF-8 body and in characters for one read as text.
     */
    private static final class Source implements StreamedBundle.Source {
        private final ObjectMapper mapper;
        private final RequestBody body;
        private String text; // made once, when a body read as text first needs a part of it again

        Source(ObjectMapper mapper, RequestBody body) {
            this.mapper = mapper;
            this.body = body;
        }

        /** The body's bytes when the parser reads them (its offsets are then in bytes); null when it reads text. */
        byte[] utf8() {
            return body.isUtf8() ? body.bytes() : null;
        }

        @Override
        public JsonNode tree(JsonLocation first, JsonLocation last) throws IOException {
            if (first.getByteOffset() >= 0) {
                int from = (int) first.getByteOffset();
                return mapper.readTree(body.bytes(), from, (int) last.getByteOffset() + 1 - from);
            }
            if (text == null) {
                text = body.text();
            }
            return mapper.readTree(text.substring((int) first.getCharOffset(), (int) last.getCharOffset() + 1));
        }
    }

    /** The value at the parser's current token as a tree (JSON null as a NullNode). */
    private static JsonNode tree(ObjectMapper mapper, JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return NullNode.instance;
        }
        JsonNode node = mapper.readTree(parser);
        return node == null ? NullNode.instance : node;
    }
}

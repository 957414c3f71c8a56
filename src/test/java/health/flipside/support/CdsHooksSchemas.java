package health.flipside.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates CDS Hooks 2.0 JSON documents against the draft 2020-12 schemas in
 * {@code src/test/resources/cds-hooks-schema/}. No official JSON Schema exists for CDS Hooks 2.0,
 * so these schemas encode the normative 2.0.1 text (see each schema's {@code description}).
 *
 * <p>Usage in a test: {@code CdsHooksSchemas.assertValidServiceResponse(responseBody);}
 */
public final class CdsHooksSchemas {

    /** The four CDS Hooks documents we exchange, each with its schema on the classpath. */
    public enum Document {
        DISCOVERY_RESPONSE("discovery-response"),
        HOOK_REQUEST("hook-request"),
        SERVICE_RESPONSE("service-response"),
        FEEDBACK_REQUEST("feedback-request");

        private final String resource;

        Document(String name) {
            this.resource = "cds-hooks-schema/" + name + ".schema.json";
        }

        /** Classpath location of the schema, relative to the classpath root. */
        public String resource() {
            return resource;
        }
    }

    // Duplicate keys are legal JSON but ambiguous (Jackson keeps the last); a serializer that
    // emits them has a bug, so reject them instead of validating whichever value won. Likewise
    // reject trailing content, which readTree would otherwise silently ignore.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // Compiled once in the class initializer, which the JVM runs exactly once and publishes safely;
    // networknt JsonSchema instances are immutable after loading and safe to share across threads.
    private static final Map<Document, JsonSchema> SCHEMAS = loadAll();

    private CdsHooksSchemas() {
    }

    public static void assertValidDiscovery(String json) {
        assertValid(Document.DISCOVERY_RESPONSE, json);
    }

    public static void assertValidHookRequest(String json) {
        assertValid(Document.HOOK_REQUEST, json);
    }

    public static void assertValidServiceResponse(String json) {
        assertValid(Document.SERVICE_RESPONSE, json);
    }

    public static void assertValidFeedback(String json) {
        assertValid(Document.FEEDBACK_REQUEST, json);
    }

    /**
     * Throws an {@link AssertionError} listing every violation, one per line as
     * {@code [keyword] $.json.path: message}, so a failing test shows all problems at once.
     */
    public static void assertValid(Document document, String json) {
        List<String> violations = violations(document, json);
        if (!violations.isEmpty()) {
            throw new AssertionError("Invalid CDS Hooks " + document + " (" + violations.size()
                    + " violation" + (violations.size() == 1 ? "" : "s") + "):\n  "
                    + String.join("\n  ", violations) + "\nDocument: " + abbreviate(json));
        }
    }

    // Echo the document so a failure is diagnosable from the report alone, but cap it: a card
    // response with prefetched bundles can be large and would bury the violations.
    private static final int MAX_ECHOED_CHARS = 4_000;

    private static String abbreviate(String json) {
        return json.length() <= MAX_ECHOED_CHARS
                ? json
                : json.substring(0, MAX_ECHOED_CHARS) + "... (" + (json.length() - MAX_ECHOED_CHARS) + " more chars)";
    }

    /** Every violation as {@code [keyword] $.json.path: message}, sorted by path; empty when valid. */
    public static List<String> violations(Document document, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("[json] $: not parseable JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("[json] $: empty document");
        }
        return SCHEMAS.get(document).validate(node).stream()
                // networknt returns a Set; sort for stable, readable output.
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(m -> "[" + m.getType() + "] " + m.getMessage())
                .toList();
    }

    /** The compiled schema, for tests that need networknt directly. */
    public static JsonSchema schema(Document document) {
        return SCHEMAS.get(document);
    }

    private static Map<Document, JsonSchema> loadAll() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                // In 2020-12 'format' is only an annotation by default; we want uuid, date-time
                // and uri to be checked.
                .formatAssertionsEnabled(true)
                // '$.cards[0].summary' reads better in failure messages than JSON Pointer.
                .pathType(PathType.JSON_PATH)
                .build();
        Map<Document, JsonSchema> schemas = new EnumMap<>(Document.class);
        for (Document document : Document.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:" + document.resource()), config);
            // Resolve every $ref now so a broken schema fails at class load, not in some later test.
            schema.initializeValidators();
            schemas.put(document, schema);
        }
        return schemas;
    }
}

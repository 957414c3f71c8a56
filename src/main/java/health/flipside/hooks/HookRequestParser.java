package health.flipside.hooks;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.fhir.FhirAccess;
import health.flipside.services.HookCall;
import health.flipside.services.ServiceDescriptor;
import health.flipside.support.InvalidRequestException;
import health.flipside.support.JsonBodies;
import health.flipside.support.RequestBody;
import health.flipside.support.RequestLimits;

/**
 * Reads and validates a hook request body (CDS Hooks 2.0 "HTTP Request") into a {@link HookCall}. Every problem is
 * an {@link InvalidRequestException} naming the field; nothing is processed until the whole body is valid.
 */
public final class HookRequestParser {
    /** patient-view context (CDS Hooks Library 1.0): userId and patientId required, encounterId optional. */
    private static final Set<String> PATIENT_VIEW_REQUIRED = Set.of("userId", "patientId");
    private static final Set<String> USER_TYPES = Set.of("Practitioner", "PractitionerRole", "Patient", "RelatedPerson");

    private final ObjectMapper mapper;
    private final int maxEntries;
    private final boolean streamBundles;

    public HookRequestParser(ObjectMapper mapper) {
        this(mapper, RequestLimits.Values.defaults().entries());
    }

    /** @param maxEntries most Bundle entries all prefetch values together may hold (flipside.limits.entries) */
    public HookRequestParser(ObjectMapper mapper, int maxEntries) {
        this(mapper, maxEntries, true);
    }

    /** @param streamBundles false reads every prefetch value as one tree (the test of both readings) */
    HookRequestParser(ObjectMapper mapper, int maxEntries, boolean streamBundles) {
        // "{...} garbage" is not a JSON body: JsonBodies.stream refuses trailing content itself, and the trees it
        // reads within the body must not (the feature would take the rest of the body for trailing content).
        this.mapper = mapper.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxEntries = maxEntries;
        this.streamBundles = streamBundles;
    }

    /** A request held as text (the preview console, examples, tests). */
    public HookCall parse(String body, ServiceDescriptor service) {
        return parse(body == null ? null : RequestBody.of(body), service);
    }

    public HookCall parse(RequestBody body, ServiceDescriptor service) {
        HookBodyReader.Body read = HookBodyReader.read(mapper, body, streamBundles ? service.prefetch() : List.of());
        JsonNode root = read.root();
        String hook = requiredText(root, "hook");
        if (!hook.equals(service.hook())) {
            throw new InvalidRequestException("hook", "Service '" + service.id() + "' answers the '" + service.hook()
                    + "' hook, not '" + hook + "'");
        }
        UUID hookInstance = uuid(requiredText(root, "hookInstance"));
        Map<String, String> context = context(root.get("context"));
        FhirAccess access = access(root);
        if (read.prefetch() == null) {
            noPrefetchObject(root.get("prefetch"));
            return new HookCall(service.id(), hook, hookInstance, context, access, Map.of(), Map.of());
        }
        checkEntries(read.entries().values().stream().mapToLong(Long::longValue).sum(), maxEntries);
        return new HookCall(service.id(), hook, hookInstance, context, access, read.prefetch(), read.streamed());
    }

    private static String requiredText(JsonNode parent, String field) {
        return text(parent, field, field, true);
    }

    private static String text(JsonNode parent, String field, String path, boolean required) {
        return JsonBodies.text(parent, field, path, required, Integer.MAX_VALUE);
    }

    private static UUID uuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("hookInstance", "'hookInstance' must be a UUID");
        }
    }

    private static Map<String, String> context(JsonNode context) {
        if (context == null || context.isNull()) {
            throw new InvalidRequestException("context", "'context' is required");
        }
        if (!context.isObject()) {
            throw new InvalidRequestException("context", "'context' must be an object");
        }
        Map<String, String> values = new HashMap<>();
        for (String field : PATIENT_VIEW_REQUIRED) {
            values.put(field, text(context, field, "context." + field, true));
        }
        String encounterId = text(context, "encounterId", "context.encounterId", false);
        if (encounterId != null) {
            values.put("encounterId", encounterId);
        }
        String userId = values.get("userId");
        int slash = userId.indexOf('/');
        if (slash <= 0 || slash == userId.length() - 1 || !USER_TYPES.contains(userId.substring(0, slash))) {
            throw new InvalidRequestException("context.userId",
                    "'context.userId' must be Practitioner/<id>, PractitionerRole/<id>, Patient/<id> or RelatedPerson/<id>");
        }
        if (!values.get("patientId").matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new InvalidRequestException("context.patientId", "'context.patientId' must be a FHIR id ([A-Za-z0-9-.], 1 to 64 characters)");
        }
        return values;
    }

    /** fhirAuthorization requires fhirServer (CDS Hooks 2.0, invariant cds-r-1); token_type is always Bearer. */
    private static FhirAccess access(JsonNode root) {
        String server = text(root, "fhirServer", "fhirServer", false);
        JsonNode auth = root.get("fhirAuthorization");
        if (server != null) {
            try {
                URI uri = new URI(server);
                if (!uri.isAbsolute() || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
                    throw new java.net.URISyntaxException(server, "not an absolute http(s) URL");
                }
            } catch (java.net.URISyntaxException e) {
                throw new InvalidRequestException("fhirServer", "'fhirServer' must be an absolute http(s) URL");
            }
        }
        if (auth == null || auth.isNull()) {
            return server == null ? null : new FhirAccess(server, null);
        }
        if (!auth.isObject()) {
            throw new InvalidRequestException("fhirAuthorization", "'fhirAuthorization' must be an object");
        }
        if (server == null) {
            throw new InvalidRequestException("fhirServer", "'fhirServer' is required when 'fhirAuthorization' is present");
        }
        String token = text(auth, "access_token", "fhirAuthorization.access_token", true);
        String tokenType = text(auth, "token_type", "fhirAuthorization.token_type", true);
        if (!tokenType.equals("Bearer")) {
            throw new InvalidRequestException("fhirAuthorization.token_type", "'fhirAuthorization.token_type' must be 'Bearer'");
        }
        JsonNode expiresIn = auth.get("expires_in");
        if (expiresIn == null || !expiresIn.canConvertToInt() || expiresIn.asInt() < 0) {
            throw new InvalidRequestException("fhirAuthorization.expires_in", "'fhirAuthorization.expires_in' must be a non-negative integer");
        }
        text(auth, "scope", "fhirAuthorization.scope", true);
        text(auth, "subject", "fhirAuthorization.subject", true);
        return new FhirAccess(server, token);
    }

    /**
     * Checks a "prefetch" that {@link HookBodyReader} did not read as an object: absent or JSON null means none, any
     * other value is refused.
     */
    private static void noPrefetchObject(JsonNode prefetch) {
        if (prefetch != null && !prefetch.isNull()) {
            throw new InvalidRequestException("prefetch", "'prefetch' must be an object of prefetch keys");
        }
    }

    private static void checkEntries(long entries, int maxEntries) {
        if (entries > maxEntries) {
            throw new InvalidRequestException("prefetch", "The prefetch Bundles hold " + entries + " entries; at most "
                    + maxEntries + " are read (flipside.limits.entries)");
        }
    }
}

package health.flipside.services;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import health.flipside.fhir.FhirAccess;
import health.flipside.fhir.StreamedBundle;

/**
 * A validated hook request (CDS Hooks 2.0 "Calling a CDS Service"), free of HTTP types.
 *
 * @param context the hook's primitive context fields, e.g. "patientId" → "123"
 * @param access  fhirServer and token, or null when the EHR gave no fhirServer
 * @param prefetch prefetch values by key as sent (a value may be JSON null); a streamed Bundle's without its entries
 * @param streamed the prefetch Bundles whose entries were read as the body was parsed, by key
 */
public record HookCall(String serviceId, String hook, UUID hookInstance, Map<String, String> context,
                       FhirAccess access, Map<String, JsonNode> prefetch, Map<String, StreamedBundle> streamed) {
    public HookCall {
        context = Map.copyOf(context);
        prefetch = prefetch == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(prefetch));
        streamed = streamed == null ? Map.of() : Map.copyOf(streamed);
    }

    /** Token values for prefetch templates: "context.patientId" → "123", plus the user tokens of the spec. */
    public Map<String, String> prefetchTokens() {
        Map<String, String> tokens = new java.util.HashMap<>();
        context.forEach((name, value) -> tokens.put("context." + name, value));
        String userId = context.get("userId");
        if (userId != null && userId.contains("/")) {
            String type = userId.substring(0, userId.indexOf('/'));
            tokens.put("user" + type + "Id", userId.substring(userId.indexOf('/') + 1));
        }
        return tokens;
    }
}

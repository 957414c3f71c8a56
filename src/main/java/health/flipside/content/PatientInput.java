package health.flipside.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.parser.DataFormatException;
import health.flipside.fhir.FhirR4;
import health.flipside.fhir.PrefetchQuery;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;
import health.flipside.hooks.HookRequestParser;
import health.flipside.services.HookCall;
import health.flipside.services.PatientDataSummary;

/**
 * A patient's data for a preview or a scenario, from a file an author has: a CDS Hooks request with its data as
 * prefetch, or a FHIR Bundle holding the resources. Nothing is fetched: authoring runs need no EHR.
 */
public final class PatientInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrefetchResolver PREFETCH_ONLY = new PrefetchResolver((access, url) -> {
        throw new IllegalStateException("authoring runs carry their data as prefetch; nothing is fetched");
    }, Runnable::run, Duration.ofSeconds(1));

    private PatientInput() {
    }

    public static ResolvedData read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** A hook request (it has "hook") or a FHIR Bundle (resourceType "Bundle"); anything else is refused. */
    public static ResolvedData parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root != null && root.has("hook")) {
            return fromHookRequest(json);
        }
        if (root != null && "Bundle".equals(root.path("resourceType").asText())) {
            return fromBundle(json);
        }
        throw new IllegalArgumentException("expected a CDS Hooks request (with \"hook\") or a FHIR Bundle");
    }

    /** Validated like a real call (400-worthy problems throw), its prefetch used as the EHR sent it. */
    public static ResolvedData fromHookRequest(String json) {
        HookCall call = new HookRequestParser(JSON).parse(json, PatientDataSummary.descriptor());
        return PREFETCH_ONLY.resolve(PatientDataSummary.descriptor().prefetch(), call.prefetch(), call.streamed(), null, call.prefetchTokens(), null);
    }

    /** Each resource goes to the prefetch key that queries its type (Observation → vitalSigns, …). */
    public static ResolvedData fromBundle(String json) {
        Bundle bundle;
        try {
            bundle = FhirR4.context().newJsonParser().parseResource(Bundle.class, json);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a valid FHIR R4 Bundle: " + e.getMessage());
        }
        Map<String, List<Resource>> byKey = new HashMap<>();
        for (PrefetchQuery query : PatientDataSummary.descriptor().prefetch()) {
            byKey.put(query.key(), new ArrayList<>());
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            String type = resource.fhirType();
            PatientDataSummary.descriptor().prefetch().stream()
                    .filter(q -> q.template().startsWith(type + "/") || q.template().startsWith(type + "?"))
                    .findFirst().ifPresent(q -> byKey.get(q.key()).add(resource));
        }
        return new ResolvedData(byKey, List.of());
    }
}

package health.flipside.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.hl7.fhir.r4.model.Bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * Where a patient-view request's parsing time goes, single-threaded and in-process (bench/README.md, "Profile"):
 * the body's Jackson parse, re-serialising the vitalSigns prefetch, HAPI's parse of all of it, and HAPI's parse of
 * only the blood-pressure Observations (what a code filter on the JSON tree before HAPI would leave).
 * Usage: {@code ParseCost <hook request.json> [seconds per step, default 5]}. Depends on Jackson and HAPI only.
 */
public final class ParseCost {
    private static final Set<String> BP_PANEL = Set.of("http://loinc.org|85354-9", "http://loinc.org|55284-4",
            "urn:iso:std:iso:11073:10101|150020");

    private ParseCost() {
    }

    public static void main(String[] args) throws Exception {
        String body = Files.readString(Path.of(args[0]));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        ObjectMapper mapper = new ObjectMapper();
        FhirContext fhir = FhirContext.forR4Cached();
        IParser parser = fhir.newJsonParser();

        JsonNode root = mapper.readTree(body);
        JsonNode vitals = root.path("prefetch").path("vitalSigns");
        String vitalsText = vitals.toString();
        ObjectNode bpOnly = ((ObjectNode) vitals).deepCopy();
        ArrayNode kept = mapper.createArrayNode();
        for (JsonNode entry : vitals.path("entry")) {
            if (isBloodPressure(entry.path("resource"))) {
                kept.add(entry);
            }
        }
        bpOnly.set("entry", kept);
        String bpOnlyText = bpOnly.toString();
        System.out.printf(Locale.ROOT, "%s: %,d bytes, vitalSigns %d entries (%d blood pressure)%n", args[0], body.length(),
                vitals.path("entry").size(), kept.size());

        time("Jackson readTree(body)", seconds, () -> readTree(mapper, body));
        time("vitalSigns JsonNode.toString()", seconds, vitals::toString);
        time("HAPI parse vitalSigns (all entries)", seconds, () -> parser.parseResource(Bundle.class, vitalsText));
        time("filter entries by code on the tree", seconds, () -> filter(vitals));
        time("HAPI parse vitalSigns (BP entries only)", seconds, () -> parser.parseResource(Bundle.class, bpOnlyText));
    }

    private static JsonNode readTree(ObjectMapper mapper, String body) {
        try {
            return mapper.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int filter(JsonNode vitals) {
        int n = 0;
        for (JsonNode entry : vitals.path("entry")) {
            n += isBloodPressure(entry.path("resource")) ? 1 : 0;
        }
        return n;
    }

    private static boolean isBloodPressure(JsonNode resource) {
        for (JsonNode coding : resource.path("code").path("coding")) {
            if (BP_PANEL.contains(coding.path("system").asText() + "|" + coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Warm for {@code seconds}, then time repetitions for {@code seconds}; prints the median and p90 in ms. */
    private static void time(String label, double seconds, Supplier<?> step) {
        long warmUntil = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmUntil) {
            step.get();
        }
        List<Long> samples = new ArrayList<>();
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < until || samples.size() < 5) {
            long start = System.nanoTime();
            step.get();
            samples.add(System.nanoTime() - start);
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %-42s median %8.2f ms  p90 %8.2f ms  (n=%d)%n", label, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted.length);
        Arrays.fill(sorted, 0);
    }
}

package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.facts.PatientData;
import health.flipside.facts.UnitConverter;
import health.flipside.hooks.HookRequestParser;
import health.flipside.rules.RuleSet;
import health.flipside.rules.RuleSetLoader;
import health.flipside.services.HookCall;
import health.flipside.services.PatientDataSummary;

/**
 * The two routes from a prefetched Observation to facts — straight from the request's JSON tree, or through a HAPI
 * model — give the same facts: for every example request (every scenario's request is one of them), and for odd
 * shapes, where the tree route declines and HAPI answers as it always has (the same facts, or the same refusal).
 */
class JsonObservationRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleSet RULES = new RuleSetLoader().load(Path.of("rules"));
    private static final FactExtractor EXTRACTOR = new FactExtractor(RULES.devices(), RULES.antihypertensives(),
            RULES.vocabulary(), new UnitConverter());

    /**
     * The request's data: from the tree, as the endpoint reads it (its Bundles streamed entry by entry), or every
     * Observation through HAPI, from the whole tree of each prefetch value.
     */
    private static ResolvedData resolve(String request, boolean fromTree) {
        HookCall call = new HookRequestParser(JSON).parse(request, PatientDataSummary.descriptor());
        PrefetchResolver resolver = new PrefetchResolver((access, url) -> {
            throw new IllegalStateException("nothing is fetched here");
        }, Runnable::run, Duration.ofSeconds(1), CallbackListener.NONE, fromTree);
        if (fromTree) {
            return resolver.resolve(PatientDataSummary.descriptor().prefetch(), call.prefetch(), call.streamed(), null,
                    call.prefetchTokens(), null);
        }
        Map<String, JsonNode> whole = new HashMap<>();
        try {
            JSON.readTree(request).path("prefetch").fields().forEachRemaining(f -> whole.put(f.getKey(), f.getValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resolver.resolve(PatientDataSummary.descriptor().prefetch(), whole, null, call.prefetchTokens(), null);
    }

    private static long readFromTree(ResolvedData data) {
        return data.allObservations().stream().filter(JsonObservation.class::isInstance).count();
    }

    @TestFactory
    @DisplayName("every example request: the same facts by both routes, most Observations read from the tree")
    Stream<DynamicTest> everyExample() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThan(50);
        return examples.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String request = Files.readString(file);
            ResolvedData tree = resolve(request, true);
            ResolvedData hapi = resolve(request, false);

            assertThat(readFromTree(hapi)).isZero();
            assertThat(readFromTree(tree)).as("Observations read from the tree")
                    .isEqualTo(tree.allObservations().size());
            PatientData fromTree = EXTRACTOR.extract(tree);
            PatientData throughHapi = EXTRACTOR.extract(hapi);
            assertThat(fromTree).isEqualTo(throughHapi);
        }));
    }

    /** A patient-view request whose vitalSigns prefetch holds the given Observations (JSON objects). */
    private static String request(String... observations) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < observations.length; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"https://ehr.example/fhir/Observation/o").append(i)
                    .append("\",\"resource\":").append(observations[i]).append('}');
        }
        return """
                {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                 "context":{"userId":"Practitioner/1","patientId":"p1"},
                 "prefetch":{"patient":{"resourceType":"Patient","id":"p1","birthDate":"1960-04-02"},
                   "vitalSigns":{"resourceType":"Bundle","type":"searchset","entry":[%s]},
                   "devices":{"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"https://ehr.example/fhir/Device/cuff",
                     "resource":{"resourceType":"Device","id":"cuff","manufacturer":"Omron Healthcare","modelNumber":"HEM-9200T"}}]}}}
                """.formatted(entries);
    }

    /** A home BP panel; {@code replace} swaps one piece of its text for an odd shape. */
    private static String bloodPressure(String from, String to) {
        String usual = """
                {"resourceType":"Observation","id":"bp","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},
                 "subject":{"reference":"Patient/p1"},"effectiveDateTime":"2026-11-18T07:30:00-05:00",
                 "issued":"2026-11-18T07:31:00-05:00","performer":[{"reference":"Patient/p1"}],"device":{"reference":"Device/cuff"},
                 "component":[
                  {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":142,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                  {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":91.5,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}
                """;
        assertThat(usual).contains(from);
        return usual.replace(from, to);
    }

    @Test
    @DisplayName("the usual shape is read from the tree, with the same reading as HAPI's")
    void usualShape() {
        String request = request(bloodPressure("", ""));
        ResolvedData tree = resolve(request, true);

        assertThat(readFromTree(tree)).isEqualTo(1);
        PatientData facts = EXTRACTOR.extract(tree);
        assertThat(facts.bloodPressure()).singleElement().satisfies(r -> {
            assertThat(r.systolic()).isEqualTo(142);
            assertThat(r.diastolic()).isEqualTo(91.5);
            assertThat(r.localTime()).hasToString("2026-11-18T07:30");
        });
        assertThat(facts).isEqualTo(EXTRACTOR.extract(resolve(request, false)));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("odd shapes go through HAPI: the tree route declines and the facts are HAPI's")
    @ValueSource(strings = {
        "extension on a value|\"value\":142,|\"value\":142,\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"y\"}],",
        "primitive extension|\"effectiveDateTime\":\"2026-11-18T07:30:00-05:00\",|\"effectiveDateTime\":\"2026-11-18T07:30:00-05:00\",\"_effectiveDateTime\":{\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"y\"}]},",
        "contained device|\"device\":{\"reference\":\"Device/cuff\"},|\"contained\":[{\"resourceType\":\"Device\",\"id\":\"d\",\"manufacturer\":\"Acme\"}],\"device\":{\"reference\":\"#d\"},",
        "measurement setting extension|\"status\":\"final\",|\"status\":\"final\",\"extension\":[{\"url\":\"http://hl7.org/fhir/us/vitals/StructureDefinition/MeasurementSettingExt\",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"264362003\"}]}}],",
        "partial date|2026-11-18T07:30:00-05:00\",\n|2026-11-18\",\n",
        "date without seconds|2026-11-18T07:30:00-05:00\",\n|2026-11-18T07:30-05:00\",\n",
        "offset beyond 14 hours|2026-11-18T07:30:00-05:00\",\n|2026-11-18T07:30:00+15:00\",\n",
        "offset beyond 18 hours|2026-11-18T07:30:00-05:00\",\n|2026-11-18T07:30:00+19:00\",\n",
        "30 February|2026-11-18T07:30:00-05:00\",\n|2026-02-30T07:30:00-05:00\",\n",
        "fourteen fractional digits|2026-11-18T07:30:00-05:00\",\n|2026-11-18T07:30:00.12345678901234-05:00\",\n",
        "year 1583|2026-11-18T07:30:00-05:00\",\n|1583-11-18T07:30:00-05:00\",\n",
        "number as a string|\"value\":142,|\"value\":\"142\",",
        "huge number|\"value\":142,|\"value\":1e400,",
        "very large number|\"value\":142,|\"value\":123456789012345678901234567890,",
        "padded code|\"code\":\"8480-6\"|\"code\":\" 8480-6 \"",
        "empty text|\"display\":\"Blood pressure panel\"|\"display\":\"\"",
        "null element|\"subject\":{\"reference\":\"Patient/p1\"},|\"subject\":null,",
        "performer as an object|\"performer\":[{\"reference\":\"Patient/p1\"}]|\"performer\":{\"reference\":\"Patient/p1\"}",
        "unknown element|\"status\":\"final\",|\"status\":\"final\",\"flavour\":\"sweet\",",
        "narrative|\"status\":\"final\",|\"status\":\"final\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">BP</div>\"},",
        "effective twice|\"issued\":|\"effectivePeriod\":{\"start\":\"2026-11-18T07:29:00-05:00\"},\"issued\":",
        "valueRange in a component|\"valueQuantity\":{\"value\":91.5,\"unit\":\"mmHg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}|\"valueRange\":{\"low\":{\"value\":80}}",
        "a string for a boolean|\"display\":\"Blood pressure panel\"|\"display\":\"Blood pressure panel\",\"userSelected\":\"yes\"",
        "status as a number|\"status\":\"final\"|\"status\":1",
        "status as an object|\"status\":\"final\"|\"status\":{\"a\":{\"b\":[1]}}",
        "identifier|\"status\":\"final\",|\"status\":\"final\",\"identifier\":[{\"system\":\"urn:x\",\"value\":\"1\"}],",
        "resourceType twice, the last not an Observation|\"resourceType\":\"Observation\",|\"resourceType\":\"Observation\",\"resourceType\":\"Device\","
    })
    void oddShapesGoThroughHapi(String testCase) {
        String[] parts = testCase.split("\\|", -1);
        String request = request(bloodPressure(parts[1], parts[2]), bloodPressure("", ""));
        ResolvedData tree;
        try {
            tree = resolve(request, true);
        } catch (InvalidPrefetchException e) {
            // HAPI refuses it: so must the tree route, with the same answer (a 400 naming the key)
            assertThatThrownBy(() -> resolve(request, false)).isInstanceOf(InvalidPrefetchException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        assertThat(readFromTree(tree)).as("only the usual reading is read from the tree").isEqualTo(1);
        assertThat(EXTRACTOR.extract(tree)).isEqualTo(EXTRACTOR.extract(resolve(request, false)));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("an element named twice counts once, the last, as in a tree: read from the tokens, with HAPI's facts")
    @ValueSource(strings = {
        "performer twice, the last a practitioner|\"performer\":[{\"reference\":\"Patient/p1\"}]|\"performer\":[{\"reference\":\"Patient/p1\"}],\"performer\":[{\"reference\":\"Practitioner/9\"}]",
        "performer twice, the last the patient|\"performer\":[{\"reference\":\"Patient/p1\"}]|\"performer\":[{\"reference\":\"Practitioner/9\"}],\"performer\":[{\"reference\":\"Patient/p1\"}]",
        "component twice|\"component\":[|\"component\":[{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":199,\"unit\":\"mmHg\"}}],\"component\":[",
        "coding twice|\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"|\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}],\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"",
        "status twice|\"status\":\"final\"|\"status\":\"preliminary\",\"status\":\"final\"",
        "status twice, the last not final|\"status\":\"final\"|\"status\":\"final\",\"status\":\"preliminary\"",
        "effectiveDateTime twice|\"effectiveDateTime\":|\"effectiveDateTime\":\"2025-01-01T00:00:00Z\",\"effectiveDateTime\":",
        "device twice, the last without a reference|\"device\":{\"reference\":\"Device/cuff\"}|\"device\":{\"reference\":\"Device/cuff\"},\"device\":{\"display\":\"a cuff\"}",
        "effectivePeriod twice, the last without an end|\"effectiveDateTime\":\"2026-11-18T07:30:00-05:00\"|\"effectivePeriod\":{\"start\":\"2026-11-18T07:00:00-05:00\",\"end\":\"2026-11-18T08:00:00-05:00\"},\"effectivePeriod\":{\"start\":\"2026-11-18T07:30:00-05:00\"}",
        "valueQuantity twice in a component (read again as a tree, where it is once)|\"valueQuantity\":{\"value\":91.5|\"valueQuantity\":{\"value\":70},\"valueQuantity\":{\"value\":91.5",
        "a quantity's value twice|\"value\":142,|\"value\":99,\"value\":142,"
    })
    void elementsTwice(String testCase) {
        String[] parts = testCase.split("\\|", -1);
        String request = request(bloodPressure(parts[1], parts[2]), bloodPressure("", ""));

        ResolvedData tree = resolve(request, true);

        assertThat(readFromTree(tree)).as("both read from the tokens").isEqualTo(2);
        assertThat(EXTRACTOR.extract(tree)).isEqualTo(EXTRACTOR.extract(resolve(request, false)));
    }

    @Test
    @DisplayName("an Observation without a status is not read, by either route, and is no fault (the fuzz test's 500)")
    void noStatus() {
        String request = request(bloodPressure("\"status\":\"final\",", ""));

        PatientData fromTree = EXTRACTOR.extract(resolve(request, true));

        assertThat(fromTree.bloodPressure()).isEmpty();
        assertThat(fromTree).isEqualTo(EXTRACTOR.extract(resolve(request, false)));
    }

    @Test
    @DisplayName("a status HAPI does not know is refused by both routes alike")
    void unknownStatus() {
        String request = request(bloodPressure("\"status\":\"final\"", "\"status\":\"finall\""));

        assertThatThrownBy(() -> resolve(request, false)).isInstanceOf(InvalidPrefetchException.class);
        assertThatThrownBy(() -> resolve(request, true)).isInstanceOf(InvalidPrefetchException.class);
    }
}

package health.flipside.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.content.ContentGate;
import health.flipside.examples.ExamplePatients;
import health.flipside.fhir.InvalidPrefetchException;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.PrefetchUnavailableException;
import health.flipside.fhir.ResolvedData;
import health.flipside.services.HookCall;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;
import health.flipside.services.ServiceDescriptor;
import health.flipside.support.InvalidRequestException;
import health.flipside.support.RequestBody;
import health.flipside.support.RequestLimits;
import health.flipside.support.JsonMapper;

/**
 * The prefetch Bundles read entry by entry as the body streams ({@link HookBodyReader}) against the same body read as
 * one tree: the same facts for every example patient, and the same answer — the same facts, or the same refusal
 * naming the same field — for bodies cut short, padded, with fields twice, in another order, over the limits.
 */
class HookBodyReaderTest {
    private static final ServiceDescriptor SERVICE = PatientDataSummary.descriptor();
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrefetchResolver PREFETCH_ONLY = new PrefetchResolver((access, url) -> {
        throw new IllegalStateException("nothing is fetched");
    }, Runnable::run, Duration.ofSeconds(1));
    private static LoadedContent content;

    @BeforeAll
    static void load() {
        content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
    }

    /** What a reading of the body came to: the patient's facts, or the refusal and what it names. */
    private static String answer(HookRequestParser parser, String body) {
        try {
            HookCall call = parser.parse(RequestBody.of(body), SERVICE);
            ResolvedData data = PREFETCH_ONLY.resolve(SERVICE.prefetch(), call.prefetch(), call.streamed(), null,
                    call.prefetchTokens(), null);
            return "facts " + content.pipeline().explain(data, NOW).facts();
        } catch (InvalidRequestException e) {
            return "400 at " + e.field() + ": " + e.getMessage();
        } catch (InvalidPrefetchException e) {
            return "400 at prefetch." + e.key() + ": " + e.getMessage();
        } catch (PrefetchUnavailableException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    private static HookRequestParser parser(boolean streamed, int maxEntries) {
        return new HookRequestParser(RequestLimits.constrained(JsonMapper.MAPPER, RequestLimits.Values.defaults()),
                maxEntries, streamed);
    }

    private static void sameAnswer(String what, String body, int maxEntries, List<String> differences) {
        String whole = answer(parser(false, maxEntries), body);
        String streamed = answer(parser(true, maxEntries), body);
        if (!whole.equals(streamed)) {
            differences.add(what + "\n  whole:    " + cut(whole) + "\n  streamed: " + cut(streamed));
        }
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    @Test
    void everyExamplePatientGivesTheSameFacts() {
        List<String> differences = new ArrayList<>();
        for (ExamplePatients.Example example : ExamplePatients.ALL) {
            String body = ExamplePatients.hookRequest(example, NOW).toString();
            assertThat(answer(parser(true, 100_000), body)).as(example.name()).startsWith("facts [");
            sameAnswer(example.name(), body, 100_000, differences);
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aBundleIsStreamedOnlyWhenItsTypeComesFirst() {
        ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), NOW);
        HookCall call = parser(true, 100_000).parse(RequestBody.of(request.toString()), SERVICE);
        assertThat(call.streamed()).containsKey("vitalSigns");
        assertThat(call.prefetch().get("vitalSigns").has("entry")).as("the entries are not kept as a tree").isFalse();

        ObjectNode vitals = (ObjectNode) request.get("prefetch").get("vitalSigns");
        JsonNode type = vitals.remove("resourceType");
        vitals.set("resourceType", type); // now after "entry"
        HookCall late = parser(true, 100_000).parse(RequestBody.of(request.toString()), SERVICE);
        assertThat(late.streamed()).doesNotContainKey("vitalSigns");
        assertThat(late.prefetch().get("vitalSigns").get("entry").size()).isEqualTo(vitals.get("entry").size());
    }

    @Test
    void aBundleThatTurnsOutNotToBeOneIsRefused() throws Exception {
        ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), NOW);
        String vitals = vitals(request).toString();
        String retyped = request.toString().replace(vitals,
                vitals.substring(0, vitals.length() - 1) + ",\"resourceType\":\"Observation\"}");
        assertThat(retyped).isNotEqualTo(request.toString());
        // read whole, the last resourceType counts and the entries are an Observation's unknown element; streamed, the
        // entries are already read: the one difference, for a body no FHIR server writes
        assertThat(cut(answer(parser(true, 100_000), retyped))).isEqualTo(
                "400 at prefetch.vitalSigns: prefetch.vitalSigns names two resourceTypes");
    }

    @Test
    void oddAndBrokenBodiesGetTheSameAnswer() throws Exception {
        String good = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), NOW).toString();
        List<String> differences = new ArrayList<>();

        // cut short anywhere, and padded after the end
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            int at = random.nextInt(good.length());
            sameAnswer("cut at " + at, good.substring(0, at), 100_000, differences);
        }
        sameAnswer("trailing object", good + "{}", 100_000, differences);
        sameAnswer("trailing garbage", good + " x", 100_000, differences);
        sameAnswer("trailing space", good + " \n", 100_000, differences);
        for (String notAnObject : List.of("[]", "1", "\"text\"", "null", "[", "}", "{", "{\"hook\":}")) {
            sameAnswer("body " + notAnObject, notAnObject, 100_000, differences);
        }

        // the entry limit, by one
        int entries = JSON.readTree(good).get("prefetch").get("vitalSigns").get("entry").size();
        sameAnswer("one entry over the limit", good, entries - 1, differences);

        for (Variant variant : variants()) {
            ObjectNode request = (ObjectNode) JSON.readTree(good);
            sameAnswer(variant.what(), variant.change().apply(request), 100_000, differences);
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aBodyReadAsTextOrWithAByteOrderMarkReadsItsOddEntriesAgainFromTheRightPlace() throws Exception {
        ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), NOW);
        // odd entries among usual ones: each is read again from its own part of the body, as a tree
        ((ObjectNode) vitals(request).get("entry").get(1).get("resource")).putArray("extension").addObject()
                .put("url", "http://example.org/x").put("valueString", "Zoë");
        ((ArrayNode) vitals(request).get("entry")).addObject().putObject("resource").put("resourceType", "Device")
                .put("id", "d").put("manufacturer", "Müller");
        String text = request.toString();
        String expected = answer(parser(false, 100_000), text);
        assertThat(expected).startsWith("facts [");

        HookCall latin1 = parser(true, 100_000).parse(new RequestBody(text.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1), SERVICE);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, marked, 0, bom.length);
        System.arraycopy(utf8, 0, marked, bom.length, utf8.length);
        HookCall withMark = parser(true, 100_000).parse(new RequestBody(marked, StandardCharsets.UTF_8), SERVICE);

        for (HookCall call : List.of(latin1, withMark)) {
            ResolvedData data = PREFETCH_ONLY.resolve(SERVICE.prefetch(), call.prefetch(), call.streamed(), null,
                    call.prefetchTokens(), null);
            assertThat(call.streamed()).containsKey("vitalSigns");
            assertThat("facts " + content.pipeline().explain(data, NOW).facts()).isEqualTo(expected);
        }
    }

    /**
     * Entries changed at random — an element removed, given a value of another JSON type, or named twice with such a
     * value before or after it — read from the tokens (or again as trees) give the answer the whole tree gives.
     */
    @Test
    void randomlyChangedEntriesGetTheSameAnswer() throws Exception {
        ObjectNode good = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), NOW);
        ArrayNode entries = (ArrayNode) vitals(good).get("entry");
        while (entries.size() > 6) { // a few readings: each changed request is read twice, whole and streamed
            entries.remove(entries.size() - 1);
        }
        List<JsonNode> odd = List.of(JSON.nullNode(), JSON.getNodeFactory().numberNode(12), JSON.getNodeFactory().numberNode(91.5),
                JSON.getNodeFactory().textNode("x"), JSON.getNodeFactory().textNode(" "), JSON.getNodeFactory().textNode(""),
                JSON.getNodeFactory().booleanNode(true), JSON.createArrayNode(), JSON.createObjectNode(),
                JSON.createArrayNode().add(JSON.createObjectNode().put("reference", "Practitioner/9")),
                JSON.createObjectNode().put("reference", "Patient/p1"), JSON.getNodeFactory().textNode("final"),
                JSON.getNodeFactory().textNode("2026-11-18T07:30:00Z"));
        Random random = new Random(23);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ObjectNode request = good.deepCopy();
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(vitals(request).get("entry").get(random.nextInt(entries.size())), objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            JsonNode value = odd.get(random.nextInt(odd.size()));
            String what;
            String body;
            switch (random.nextInt(4)) {
                case 0 -> {
                    target.remove(name);
                    what = "without " + name;
                    body = request.toString();
                }
                case 1 -> {
                    target.set(name, value);
                    what = name + " = " + value;
                    body = request.toString();
                }
                default -> {
                    boolean before = random.nextBoolean();
                    ObjectNode copy = JSON.createObjectNode();
                    if (before) {
                        copy.set("twice-placeholder", value);
                    }
                    copy.setAll(target);
                    if (!before) {
                        copy.set("twice-placeholder", value);
                    }
                    target.removeAll();
                    target.setAll(copy);
                    what = name + " twice, " + value + (before ? " first" : " last");
                    body = request.toString().replace("\"twice-placeholder\":", "\"" + name + "\":");
                }
            }
            sameAnswer(i + ": " + what, body, 100_000, differences);
        }
        assertThat(differences).isEmpty();
    }

    /** The node and every object within it. */
    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.elements().forEachRemaining(child -> collectObjects(child, objects));
    }

    private record Variant(String what, Change change) {
    }

    private interface Change {
        String apply(ObjectNode request) throws Exception;
    }

    private static final String VITALS = "\"vitalSigns\":{\"resourceType\":\"Bundle\"";

    private static ObjectNode vitals(ObjectNode request) {
        return (ObjectNode) request.get("prefetch").get("vitalSigns");
    }

    /** The request's text with {@code "name": value} added again right after the first {@code "name": …} field. */
    private static String twice(String text, String name, String value) {
        int at = text.indexOf("\"" + name + "\":");
        return text.substring(0, at) + "\"" + name + "\":" + value + "," + text.substring(at);
    }

    private static List<Variant> variants() {
        return List.of(
                new Variant("wrong hook and a broken Bundle", r -> {
                    r.put("hook", "order-sign");
                    vitals(r).put("entry", "not an array");
                    return r.toString();
                }),
                new Variant("entry not an array", r -> {
                    vitals(r).put("entry", 5);
                    return r.toString();
                }),
                new Variant("entries that are not objects", r -> {
                    ArrayNode entries = (ArrayNode) vitals(r).get("entry");
                    entries.add(1).add("x").addNull().addObject().putObject("resource");
                    return r.toString();
                }),
                new Variant("an entry that is not a FHIR resource", r -> {
                    ((ArrayNode) vitals(r).get("entry")).addObject().putObject("resource").put("resourceType", "Nonsense");
                    return r.toString();
                }),
                new Variant("an Observation HAPI refuses", r -> {
                    ((ObjectNode) vitals(r).get("entry").get(0).get("resource")).put("status", 12);
                    return r.toString();
                }),
                new Variant("a search outcome entry", r -> {
                    ObjectNode entry = ((ArrayNode) vitals(r).get("entry")).addObject();
                    entry.putObject("search").put("mode", "outcome");
                    entry.putObject("resource").put("resourceType", "OperationOutcome");
                    return r.toString();
                }),
                new Variant("vitalSigns an OperationOutcome", r -> {
                    r.with("prefetch").putObject("vitalSigns").put("resourceType", "OperationOutcome");
                    return r.toString();
                }),
                new Variant("vitalSigns null", r -> {
                    r.with("prefetch").putNull("vitalSigns");
                    return r.toString();
                }),
                new Variant("vitalSigns a single Observation", r -> {
                    r.with("prefetch").set("vitalSigns", vitals(r).get("entry").get(0).get("resource"));
                    return r.toString();
                }),
                new Variant("vitalSigns an array", r -> {
                    r.with("prefetch").putArray("vitalSigns");
                    return r.toString();
                }),
                new Variant("prefetch not an object", r -> {
                    r.put("prefetch", "none");
                    return r.toString();
                }),
                new Variant("prefetch twice, the last null", r -> {
                    String text = r.toString();
                    return text.substring(0, text.length() - 1) + ",\"prefetch\":null}";
                }),
                new Variant("prefetch twice, the first empty", r -> twice(r.toString(), "prefetch", "{}")),
                new Variant("a key twice, the first empty", r -> twice(r.toString(), "vitalSigns", "null")),
                new Variant("entry twice, the first empty", r -> twice(r.toString(), "entry", "[]")),
                new Variant("entry twice, the second empty", r -> {
                    String text = r.toString();
                    int vitalsAt = text.indexOf("\"vitalSigns\":");
                    int typeAt = text.indexOf("\"resourceType\":\"Bundle\"", vitalsAt);
                    int close = text.indexOf("\"entry\":", typeAt);
                    return text.substring(0, close) + "\"total\":1,\"entry\":[],\"more\":" + text.substring(close + "\"entry\":".length());
                }),
                new Variant("resourceType twice, Bundle both times", r -> r.toString().replace(VITALS, VITALS + ",\"resourceType\":\"Bundle\"")),
                new Variant("no hook", r -> {
                    r.remove("hook");
                    return r.toString();
                }),
                new Variant("context not an object", r -> {
                    r.put("context", 1);
                    return r.toString();
                }),
                new Variant("fields in another order", r -> {
                    ObjectNode reordered = JSON.createObjectNode();
                    reordered.set("prefetch", r.get("prefetch"));
                    r.fieldNames().forEachRemaining(name -> reordered.set(name, r.get(name)));
                    return reordered.toString();
                }),
                new Variant("a string over the limit inside an entry", r -> {
                    ((ObjectNode) vitals(r).get("entry").get(0).get("resource")).put("id", "x".repeat(
                            RequestLimits.Values.defaults().jsonStringLength() + 1));
                    return r.toString();
                }),
                new Variant("a string over the limit in an element the token reader does not know", r -> {
                    ((ObjectNode) vitals(r).get("entry").get(0).get("resource")).put("flavour", "x".repeat(
                            RequestLimits.Values.defaults().jsonStringLength() + 1));
                    return r.toString();
                }),
                new Variant("an entry HAPI refuses, then an entry with a string over the limit", r -> {
                    ((ObjectNode) vitals(r).get("entry").get(0).get("resource")).put("status", 12);
                    ((ObjectNode) vitals(r).get("entry").get(1)).put("note", "x".repeat(
                            RequestLimits.Values.defaults().jsonStringLength() + 1));
                    return r.toString();
                }),
                new Variant("an entry that is an array holding a string over the limit", r -> {
                    ((ArrayNode) vitals(r).get("entry")).addArray().add(1).add("x".repeat(
                            RequestLimits.Values.defaults().jsonStringLength() + 1));
                    return r.toString();
                }),
                new Variant("entries with request, response and link (read again as trees)", r -> {
                    ObjectNode entry = (ObjectNode) vitals(r).get("entry").get(0);
                    entry.putObject("request").put("method", "GET").put("url", "Observation/x");
                    ((ObjectNode) vitals(r).get("entry").get(1)).putObject("response").put("status", "200 OK");
                    ((ObjectNode) vitals(r).get("entry").get(2)).putArray("link").addObject().put("relation", "self");
                    return r.toString();
                }),
                new Variant("a search with mode and score, one an outcome", r -> {
                    ((ObjectNode) vitals(r).get("entry").get(0)).putObject("search").put("mode", "match").put("score", 1);
                    ((ObjectNode) vitals(r).get("entry").get(1)).putObject("search").put("mode", "outcome").put("score", 0.5);
                    ((ObjectNode) vitals(r).get("entry").get(2)).putObject("search").put("mode", 7);
                    return r.toString();
                }),
                new Variant("fullUrl as a number, null, blank and an object", r -> {
                    ((ObjectNode) vitals(r).get("entry").get(0)).put("fullUrl", 12);
                    ((ObjectNode) vitals(r).get("entry").get(1)).putNull("fullUrl");
                    ((ObjectNode) vitals(r).get("entry").get(2)).put("fullUrl", " ");
                    ((ObjectNode) vitals(r).get("entry").get(3)).putObject("fullUrl");
                    return r.toString();
                }),
                new Variant("an entry's fields twice: the last counts", r -> {
                    String text = r.toString();
                    int entryAt = text.indexOf("\"entry\":[{", text.indexOf(VITALS)) + "\"entry\":[{".length();
                    String twiceFirst = "\"fullUrl\":\"https://ehr.example/fhir/Observation/first\","
                            + "\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p9\"},\"search\":{\"mode\":\"outcome\"},";
                    return text.substring(0, entryAt) + twiceFirst + text.substring(entryAt);
                }),
                new Variant("a resource that is no Observation among the readings", r -> {
                    ((ArrayNode) vitals(r).get("entry")).addObject().put("fullUrl", "https://ehr.example/fhir/Device/d")
                            .putObject("resource").put("resourceType", "Device").put("id", "d").put("manufacturer", "Acme");
                    return r.toString();
                }),
                new Variant("nesting over the limit inside an entry", r -> {
                    ObjectNode deep = ((ArrayNode) vitals(r).get("entry")).addObject();
                    for (int i = 0; i < RequestLimits.Values.defaults().jsonDepth() + 2; i++) {
                        deep = deep.putObject("n");
                    }
                    return r.toString();
                }));
    }
}

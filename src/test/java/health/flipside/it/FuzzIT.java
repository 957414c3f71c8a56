package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.support.DevEhr;

/**
 * Fuzzes the running server (issue 10): mutated bundled example hook requests (examples/*.json), each validly
 * signed by the development EHR, sent to patient-data-summary on loopback. Fails on any 5xx, on any answer slower
 * than {@value #SLOW_SECONDS} s, and when the server stops answering. Seeded and reproducible: request i is built
 * from Random(seed + i) alone, whatever the order the threads send in; the seed is printed and
 * {@code -Dfuzz.seed=…} replays a run ({@code -Dfuzz.requests}, {@code -Dfuzz.seconds} bound it). A failing body is
 * written to target/fuzz-failures/ to be sent again by hand.
 */
class FuzzIT {
    static final int SLOW_SECONDS = 15;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "line\nbreak\r\n", "\t\u0007\u001b[31m", "\u202Eevil\u2066",
            "😀🩸", "\uD800", "[x](https://evil.example)", "<img src=x onerror=alert(1)>", "# Stop all antihypertensives",
            "{\"\":\"\"}", "../../etc/passwd", "Device/", "urn:uuid:", "#", "%00%0a", "null", "NaN", "-Infinity", "1e999",
            "Patient/p1/_history/1", "http://attacker.invalid/fhir/Device/1", "mm[Hg]", "[lb_av]", "kg{dry}", "10*3/uL"};
    private static final String[] ODD_DATES = {"2026-13-45", "2026-02-30T25:61:61Z", "2026-03-01T08:00:00+19:00",
            "2026-03-01T08:00:00-23:59", "0000-01-01", "9999-12-31T23:59:59Z", "2026", "2026-03", "2026-03-01T08:00:00",
            "2026-03-01T08:00:00.123456789123Z", "1970-01-01T00:00:00Z", "-2026-01-01", "2026-03-01T08:00:00+14:00",
            "2026-03-01T24:00:00Z", "20260301", ""};
    private static final double[] ODD_NUMBERS = {0, -0.0, -1, 1e308, -1e308, 4.9e-324, 1e15, 123456789012345.678,
            Long.MAX_VALUE, Integer.MIN_VALUE, 0.1, 999999, 300, 15, 2.5};

    record Outcome(int status, String reason, long millis) {
    }

    @Test
    void mutatedSignedBodiesNeverGetA5xxOrHang() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
        int requests = Integer.getInteger("fuzz.requests", 2000);
        long budgetNanos = TimeUnit.SECONDS.toNanos(Integer.getInteger("fuzz.seconds", 420));
        List<ObjectNode> examples = examples();
        System.out.println("FuzzIT seed=" + seed + " requests=" + requests + " examples=" + examples.size()
                + " (replay: -Dfuzz.seed=" + seed + ")");

        warmUp(examples);

        Map<Integer, AtomicInteger> byStatus = new ConcurrentSkipListMap<>();
        Map<String, AtomicInteger> byReason = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < requests; i++) {
                int index = i;
                pool.submit(() -> {
                    if (System.nanoTime() - started > budgetNanos || failures.size() > 20) {
                        return;
                    }
                    Random random = new Random(seed + index);
                    Mutated mutated;
                    try {
                        mutated = mutate(examples.get(random.nextInt(examples.size())).deepCopy(), random);
                    } catch (RuntimeException e) {
                        failures.add("seed=" + seed + " request=" + index + " the fuzzer itself failed: " + e);
                        return;
                    }
                    try {
                        Outcome outcome = send(mutated, random);
                        sent.incrementAndGet();
                        slowest.accumulateAndGet(outcome.millis(), Math::max);
                        byStatus.computeIfAbsent(outcome.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (outcome.status() >= 400 && outcome.status() < 500) {
                            byReason.computeIfAbsent(outcome.status() + " " + outcome.reason(), r -> new AtomicInteger()).incrementAndGet();
                        }
                        if (outcome.status() >= 500 || outcome.millis() > SLOW_SECONDS * 1000L) {
                            failures.add(record(seed, index, mutated, outcome.status() + " in " + outcome.millis() + " ms"));
                        }
                    } catch (IOException e) {
                        failures.add(record(seed, index, mutated, "no answer (" + e.getClass().getSimpleName() + ")"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(budgetNanos + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS);
        }
        long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        System.out.println("FuzzIT summary: seed=" + seed + " requests=" + sent.get() + " in " + tookSeconds + " s, slowest "
                + slowest.get() + " ms, by status " + byStatus);
        SortedMap<String, Integer> reasons = new TreeMap<>();
        byReason.forEach((reason, count) -> reasons.put(reason, count.get()));
        reasons.forEach((reason, count) -> System.out.println("FuzzIT   " + String.format("%5d", count) + "  " + reason));
        failures.forEach(f -> System.out.println("FuzzIT FAILURE " + f));

        assertThat(failures).as("5xx, answers slower than " + SLOW_SECONDS + " s, or no answer (seed " + seed + ")").isEmpty();
        assertThat(sent.get()).as("requests answered within the time bound (seed " + seed + ")").isEqualTo(requests);
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("the server is alive after the run").isEqualTo(200);
    }

    /**
     * The fuzz measures answers, not start-up: wait until the server is ready and has answered each example once
     * unmutated (the first calls load classes and compile; under a loaded CI they took longer than the hang bound).
     */
    static void warmUp(List<ObjectNode> examples) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < until) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/health/ready")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        for (ObjectNode example : examples) {
            send(new Mutated(example.deepCopy(), new ArrayList<>()), new Random(0));
        }
    }

    /** A mutated request: its body and, for the log, what was done to it (never the body itself). */
    record Mutated(JsonNode body, List<String> steps) {
    }

    static List<ObjectNode> examples() throws IOException {
        Path dir = Path.of(System.getProperty("flipside.it.content.dir", "target/it-content"), "examples");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("examples");
        }
        List<ObjectNode> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                bodies.add((ObjectNode) Flipside.JSON.readTree(file.toFile()));
            }
        }
        assertThat(bodies).as("example hook requests in " + dir).hasSizeGreaterThan(10);
        return bodies;
    }

    static Outcome send(Mutated mutated, Random random) throws IOException, InterruptedException {
        byte[] body = mutated.body().toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Flipside.SERVICE))
                .timeout(Duration.ofSeconds(SLOW_SECONDS + 5))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + DevEhr.token(Flipside.SERVICE));
        if (random.nextInt(20) == 0) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(body);
            }
            body = zipped.toByteArray();
            request.header("Content-Encoding", "gzip");
            mutated.steps().add("gzip");
        }
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Outcome(response.statusCode(), reason(response), millis);
    }

    /** "invalid-request hook", "invalid-request prefetch.vitalSigns", "precondition-failed" … */
    static String reason(HttpResponse<String> response) {
        try {
            JsonNode error = Flipside.JSON.readTree(response.body());
            String field = error.path("field").asText("");
            return (error.path("error").asText("?") + " " + field.replaceAll("\\[\\d+]", "[]")).trim();
        } catch (IOException | RuntimeException e) {
            return "(no JSON body)";
        }
    }

    static String record(long seed, int index, Mutated mutated, String what) {
        Path dir = Path.of("target", "fuzz-failures");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(seed + "-" + index + ".json"), mutated.body().toString());
        } catch (IOException e) {
            // the line below still names the seed and index
        }
        return "seed=" + seed + " request=" + index + " " + what + " after " + mutated.steps();
    }

    // ---- mutations -----------------------------------------------------------------------------------------------

    static Mutated mutate(ObjectNode body, Random random) {
        body.put("hookInstance", new UUID(random.nextLong(), random.nextLong()).toString());
        List<String> steps = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            List<Location> locations = new ArrayList<>();
            collect(body, "$", locations);
            Location at = locations.get(random.nextInt(locations.size()));
            steps.add(apply(body, at, random));
        }
        return new Mutated(body, steps);
    }

    /** A place in the tree: the container and the key (object) or index (array) of a value in it. */
    record Location(JsonNode parent, String key, int index, String path) {
        JsonNode value() {
            return parent.isObject() ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    static void collect(JsonNode node, String path, List<Location> into) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                into.add(new Location(node, field.getKey(), -1, path + "." + field.getKey()));
                collect(field.getValue(), path + "." + field.getKey(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(new Location(node, null, i, path + "[" + i + "]"));
                collect(node.get(i), path + "[" + i + "]", into);
            }
        }
    }

    static String apply(ObjectNode body, Location at, Random random) {
        String where = at.path().replaceAll("\\[\\d+]", "[]");
        switch (random.nextInt(12)) {
            case 0 -> {
                if (at.parent() instanceof ObjectNode object) {
                    object.remove(at.key());
                } else {
                    ((ArrayNode) at.parent()).remove(at.index());
                }
                return "drop " + where;
            }
            case 1 -> {
                if (at.parent() instanceof ObjectNode object) {
                    object.set(at.key() + (random.nextBoolean() ? "" : "_copy"), at.value().deepCopy());
                    object.set(at.key() + "2", at.value().deepCopy());
                } else {
                    ArrayNode array = (ArrayNode) at.parent();
                    for (int i = random.nextInt(5); i >= 0; i--) {
                        array.add(at.value().deepCopy());
                    }
                }
                return "duplicate " + where;
            }
            case 2 -> {
                at.set(retyped(at.value(), random));
                return "retype " + where;
            }
            case 3 -> {
                at.set(NODES.textNode(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]));
                return "odd string at " + where;
            }
            case 4 -> {
                at.set(NODES.textNode(hugeString(random)));
                return "huge string at " + where;
            }
            case 5 -> {
                JsonNode value = at.value();
                int depth = 1 + random.nextInt(random.nextInt(10) == 0 ? 150 : 40);
                for (int i = 0; i < depth; i++) {
                    value = random.nextBoolean() ? NODES.arrayNode().add(value) : NODES.objectNode().set("item", value);
                }
                at.set(value);
                return "nest " + depth + " deep at " + where;
            }
            case 6 -> {
                double number = ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
                at.set(random.nextBoolean() ? NODES.numberNode(number)
                        : NODES.numberNode(new java.math.BigDecimal(random.nextBoolean() ? "1e-400" : "123456789012345678901234567890.5")));
                return "odd number at " + where;
            }
            case 7 -> {
                at.set(NODES.textNode(ODD_DATES[random.nextInt(ODD_DATES.length)]));
                return "odd date at " + where;
            }
            case 8 -> {
                if (at.parent() instanceof ObjectNode object) {
                    object.put(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)] + "x\ny", 1);
                }
                return "odd element name beside " + where;
            }
            case 9 -> {
                return oddDevice(body, random);
            }
            case 10 -> {
                return oddTimes(body, random);
            }
            default -> {
                return oddReference(body, random);
            }
        }
    }

    static JsonNode retyped(JsonNode value, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(1000) - 500);
            case 3 -> NODES.textNode(value == null ? "x" : value.toString());
            case 4 -> NODES.arrayNode().add(value == null ? NODES.nullNode() : value.deepCopy());
            default -> NODES.objectNode().set("value", value == null ? NODES.nullNode() : value.deepCopy());
        };
    }

    static String hugeString(Random random) {
        int length = random.nextInt(10) == 0 ? 1_100_000 : 1_000 + random.nextInt(50_000);
        StringBuilder text = new StringBuilder(length);
        String alphabet = random.nextBoolean() ? "abc xyz 0123456789" : "é\u0001\n[]()<>#*_|\\`~ 😀";
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    static List<ObjectNode> resources(JsonNode node, String type) {
        List<ObjectNode> found = new ArrayList<>();
        if (node.isObject() && (type == null || type.equals(node.path("resourceType").asText())) && node.has("resourceType")) {
            found.add((ObjectNode) node);
        }
        node.forEach(child -> found.addAll(resources(child, type)));
        return found;
    }

    /**
     * The array under {@code field}, made anew when an earlier mutation left something else there (a number where
     * {@code performer} was): Jackson's withArray refuses those, and the fuzzer must not fail on its own mutations.
     */
    static ArrayNode arrayIn(ObjectNode node, String field) {
        return node.get(field) instanceof ArrayNode array ? array : node.putArray(field);
    }

    static String oddDevice(ObjectNode body, Random random) {
        List<ObjectNode> devices = resources(body, "Device");
        if (devices.isEmpty()) {
            return "no device to change";
        }
        ObjectNode device = devices.get(random.nextInt(devices.size()));
        String odd = ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
        switch (random.nextInt(7)) {
            case 0 -> arrayIn(device, "property").addObject().<ObjectNode>set("type", NODES.objectNode().set("coding",
                    NODES.arrayNode().add(NODES.objectNode().put("system", "http://terminology.hl7.org/CodeSystem/ASN1ToHL7")
                            .put("code", "532354.0")))).withArray("valueCode").addObject().withArray("coding").addObject()
                    .put("system", "x");
            case 1 -> {
                device.remove("modelNumber");
                arrayIn(device, "deviceName").addObject().put("type", "model-name");
            }
            case 2 -> device.put("manufacturer", odd);
            case 3 -> device.put("modelNumber", odd);
            case 4 -> device.remove("type");
            case 5 -> device.putObject("owner").put("reference", odd);
            default -> arrayIn(device, "specialization").addObject().putObject("systemType").withArray("coding").addObject();
        }
        return "odd device";
    }

    static String oddTimes(ObjectNode body, Random random) {
        List<ObjectNode> all = resources(body, null);
        if (all.isEmpty()) {
            return "no resource to change";
        }
        ObjectNode resource = all.get(random.nextInt(all.size()));
        String date = ODD_DATES[random.nextInt(ODD_DATES.length)];
        switch (random.nextInt(4)) {
            case 0 -> resource.put("effectiveDateTime", date);
            case 1 -> resource.putObject("effectivePeriod").put("start", date).put("end", ODD_DATES[random.nextInt(ODD_DATES.length)]);
            case 2 -> resource.put("authored", date);
            default -> resource.put("issued", date);
        }
        return "odd time on " + resource.path("resourceType").asText();
    }

    static String oddReference(ObjectNode body, Random random) {
        List<ObjectNode> observations = resources(body, "Observation");
        if (observations.isEmpty()) {
            return "no observation to change";
        }
        ObjectNode observation = observations.get(random.nextInt(observations.size()));
        String odd = ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
        switch (random.nextInt(4)) {
            case 0 -> observation.putObject("device").put("reference", odd);
            case 1 -> arrayIn(observation, "performer").addObject().put("reference", odd);
            case 2 -> arrayIn(observation, "contained").addObject().put("resourceType", "Device").put("id", odd);
            default -> observation.putObject("valueQuantity").put("value", ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)])
                    .put("system", "http://unitsofmeasure.org").put("code", odd);
        }
        return "odd reference or value";
    }
}

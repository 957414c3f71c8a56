package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.examples.ExamplePatients;
import health.flipside.support.DevEhr;

/** Bad requests get a 4xx whose JSON body names the problem; nothing is half-processed. */
class MalformedRequestIT {
    private static final String VALID = "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
            + "\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p1\"},\"prefetch\":{\"vitalSigns\":null}}";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("not JSON", "{\"hook\": ", "$"),
                Arguments.of("an array", "[]", "$"),
                Arguments.of("empty", "", "$"),
                Arguments.of("no hook", VALID.replace("\"hook\":\"patient-view\",", ""), "hook"),
                Arguments.of("wrong hook", VALID.replace("patient-view", "order-sign"), "hook"),
                Arguments.of("hookInstance not a UUID", VALID.replace("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "42"), "hookInstance"),
                Arguments.of("patientId a number", VALID.replace("\"p1\"", "7"), "context.patientId"),
                Arguments.of("no context", VALID.replaceAll(",\"context\":\\{[^}]*}", ""), "context"),
                Arguments.of("fhirAuthorization without fhirServer", VALID.replace("\"prefetch\"",
                        "\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":30,\"scope\":\"patient/*.read\",\"subject\":\"flipside\"},\"prefetch\""), "fhirServer"),
                Arguments.of("prefetch value not a resource", VALID.replace("\"vitalSigns\":null", "\"vitalSigns\":\"Observation/1\""), "prefetch.vitalSigns"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsRefusedNamingTheField(String name, String body, String field) throws Exception {
        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Flipside.json(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid-request");
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void unknownServiceIs404WithJsonBody() throws Exception {
        HttpResponse<String> response = Flipside.post(Flipside.BASE + "/cds-services/no-such-service", VALID);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Flipside.json(response).get("message").asText()).contains("no-such-service");
    }

    @Test
    void missingRequiredPrefetchWithoutFhirServerIs412() throws Exception {
        ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), Instant.now());
        ((ObjectNode) request.get("prefetch")).remove("vitalSigns");

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(412);
        assertThat(Flipside.json(response).get("missingPrefetch").get(0).asText()).isEqualTo("vitalSigns");
    }

    @Test
    void operationOutcomeInPlaceOfRequiredPrefetchWithoutFhirServerIs412() throws Exception {
        ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), Instant.now());
        ((ObjectNode) request.get("prefetch")).set("vitalSigns", Flipside.JSON.readTree(
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}"));

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());

        assertThat(response.statusCode()).isEqualTo(412);
    }

    // ---- issue 10, points 2 and 5: bodies that reached a 500, and limits

    private static final String PATH = "/cds-services/patient-data-summary";

    static ObjectNode vignette1() {
        return ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), Instant.now());
    }

    /** A raw POST with a fresh token: {@code headers} end with CRLF; Content-Length is added unless given. */
    static RawHttp.Response raw(String headers, byte[] body) throws Exception {
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + DevEhr.token(Flipside.SERVICE)
                + "\r\n" + headers;
        if (!headers.toLowerCase(java.util.Locale.ROOT).contains("content-length") && !headers.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            head += "Content-Length: " + body.length + "\r\n";
        }
        return RawHttp.send(head.stripTrailing(), body);
    }

    static void assertNamedRefusal(RawHttp.Response response, int status, String named) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).contains(named);
        assertThat(response.headers().keySet()).noneMatch(h -> h.contains("exception"));
        assertThat(response.headers().values()).noneMatch(v -> v.contains("Exception"));
    }

    static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void gzipDeclaredOnAPlainBodyIs400() throws Exception {
        assertNamedRefusal(raw("Content-Type: application/json\r\nContent-Encoding: gzip\r\n", utf8(vignette1().toString())),
                400, "gzip");
    }

    @Test
    void anUnknownCharsetIs400() throws Exception {
        assertNamedRefusal(raw("Content-Type: application/json; charset=bogus\r\n", utf8(vignette1().toString())), 400, "charset");
    }

    @Test
    void aMalformedChunkSizeIs400() throws Exception {
        assertNamedRefusal(raw("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                utf8("zz\r\n{\"hook\"\r\n0\r\n\r\n")), 400, "chunked");
    }

    @Test
    void aBodyBeyondTheLimitIs413NamingIt() throws Exception {
        // Content-Length of 30 MB: refused on the declared length, before the body is read
        assertNamedRefusal(raw("Content-Type: application/json\r\nContent-Length: 31457280\r\n", utf8("{\"hook\":")),
                413, "flipside.limits.body.bytes");
    }

    @Test
    void aGzipBombIs413NamingTheDecompressedLimit() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(utf8("{\"hook\":\""));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) 'a');
            for (int i = 0; i < 50; i++) {
                gzip.write(spaces);
            }
            gzip.write(utf8("\"}"));
        }
        assertThat(zipped.size()).isLessThan(200_000);
        assertNamedRefusal(raw("Content-Type: application/json\r\nContent-Encoding: gzip\r\n", zipped.toByteArray()),
                413, "flipside.limits.decompressed.bytes");
    }

    @Test
    void aValidGzipBodyIsServed() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(utf8(vignette1().toString()));
        }
        RawHttp.Response response = raw("Content-Type: application/json\r\nContent-Encoding: gzip\r\n", zipped.toByteArray());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("masked uncontrolled");
    }

    @Test
    void deepNestingIs400NamingTheDepthLimit() throws Exception {
        ObjectNode request = vignette1();
        ((ObjectNode) request.get("prefetch")).set("extra", Flipside.JSON.readTree("[".repeat(500) + "]".repeat(500)));
        assertNamedRefusal(raw("Content-Type: application/json\r\n", utf8(request.toString())), 400, "flipside.limits.json.depth");
    }

    @Test
    void aHugeStringIs400NamingTheStringLimit() throws Exception {
        ObjectNode request = vignette1();
        ((ObjectNode) request.get("context")).put("encounterId", "x".repeat(2_000_000));
        assertNamedRefusal(raw("Content-Type: application/json\r\n", utf8(request.toString())), 400, "flipside.limits.json.string.length");
    }

    @Test
    void tooManyEntriesIs400NamingTheEntriesLimit() throws Exception {
        ObjectNode request = vignette1();
        com.fasterxml.jackson.databind.node.ArrayNode entries = ((ObjectNode) request.get("prefetch").get("vitalSigns")).putArray("entry");
        for (int i = 0; i < 20_001; i++) {
            entries.addObject().putObject("resource").put("resourceType", "Basic");
        }
        assertNamedRefusal(raw("Content-Type: application/json\r\n", utf8(request.toString())), 400, "flipside.limits.entries");
    }

    static Stream<Arguments> resourcesThatWere500s() {
        return Stream.of(
                Arguments.of("regulation-status coding without a code", (java.util.function.Consumer<ObjectNode>) device -> device
                        .withArray("property").addObject().<ObjectNode>set("type", json("{\"coding\":[{\"system\":"
                                + "\"http://terminology.hl7.org/CodeSystem/ASN1ToHL7\",\"code\":\"532354.0\"}]}"))
                        .withArray("valueCode").addObject().withArray("coding").addObject().put("system", "x")),
                Arguments.of("deviceName without a name", (java.util.function.Consumer<ObjectNode>) device -> {
                    device.remove("modelNumber");
                    device.withArray("deviceName").addObject().put("type", "model-name");
                }));
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Flipside.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ObjectNode> resources(com.fasterxml.jackson.databind.JsonNode node, String type) {
        List<ObjectNode> found = new java.util.ArrayList<>();
        if (node.isObject() && type.equals(node.path("resourceType").asText())) {
            found.add((ObjectNode) node);
        }
        node.forEach(child -> found.addAll(resources(child, type)));
        return found;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourcesThatWere500s")
    void anOddDeviceIsReadNotA500(String name, java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode request = vignette1();
        resources(request, "Device").forEach(change);

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anEmptyElementNameIs400NamingThePrefetchKey() throws Exception {
        ObjectNode request = vignette1();
        resources(request.get("prefetch").get("vitalSigns"), "Observation").get(0).set("valueString", json("{\"\":\"\"}"));

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Flipside.json(response).get("field").asText()).isEqualTo("prefetch.vitalSigns");
    }

    @Test
    void anOffsetBeyondEighteenHoursIsSkippedNotA500() throws Exception {
        ObjectNode request = vignette1();
        ObjectNode reading = resources(request.get("prefetch").get("vitalSigns"), "Observation").get(0);
        reading.put("effectiveDateTime", reading.path("effectiveDateTime").asText().replaceFirst("(Z|[+-]\\d\\d:\\d\\d)$", "+19:00"));

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    // ---- issue 10, point 6: nothing from the body reaches the log

    @Test
    void aNewlineInAnUnknownElementNameForgesNoLogLine() throws Exception {
        String marker = "FORGED-" + java.util.UUID.randomUUID();
        ObjectNode request = vignette1();
        resources(request.get("prefetch").get("vitalSigns"), "Observation").get(0)
                .put("unknown\n[12/4/26, 17:00:00:000 UTC] 00000001 health.flipside.Fake I " + marker, 1);

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("liberty.log.dir", "target/liberty/wlp/usr/servers/defaultServer/logs"), "messages.log");
        assertThat(java.nio.file.Files.readString(log)).doesNotContain(marker);
    }
}

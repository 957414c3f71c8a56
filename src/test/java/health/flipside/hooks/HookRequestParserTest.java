package health.flipside.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.services.HookCall;
import health.flipside.services.PatientDataSummary;
import health.flipside.services.ServiceDescriptor;
import health.flipside.support.InvalidRequestException;

/** CDS Hooks 2.0 "HTTP Request" validation: a bad request is refused naming the exact JSON path of the problem. */
class HookRequestParserTest {
    private static final ServiceDescriptor SERVICE = PatientDataSummary.descriptor();
    private static final String HOOK_INSTANCE = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

    private final HookRequestParser parser = new HookRequestParser(new ObjectMapper());

    /** JSON written with single quotes, for readable test data. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static final String MINIMAL = json("""
            {'hook': 'patient-view', 'hookInstance': '%s',
             'context': {'userId': 'Practitioner/example', 'patientId': '1288992'}}""".formatted(HOOK_INSTANCE));

    /** A valid request with fhirServer and fhirAuthorization; each invalid case changes one thing in it. */
    private static final String FULL = json("""
            {'hook': 'patient-view', 'hookInstance': '%s',
             'fhirServer': 'https://ehr.example/fhir',
             'fhirAuthorization': {'access_token': 'some-opaque-token', 'token_type': 'Bearer', 'expires_in': 300,
                                   'scope': 'patient/*.read', 'subject': 'flipside'},
             'context': {'userId': 'Practitioner/example', 'patientId': '1288992', 'encounterId': 'enc-1'},
             'prefetch': {'patient': {'resourceType': 'Patient', 'id': '1288992'}, 'medications': null}}""".formatted(HOOK_INSTANCE));

    @Test
    @DisplayName("a minimal valid request: hook, hookInstance and the patient-view context")
    void minimalRequest() {
        HookCall call = parser.parse(MINIMAL, SERVICE);

        assertThat(call.serviceId()).isEqualTo("patient-data-summary");
        assertThat(call.hook()).isEqualTo("patient-view");
        assertThat(call.hookInstance()).isEqualTo(UUID.fromString(HOOK_INSTANCE));
        assertThat(call.context()).containsOnly(
                java.util.Map.entry("userId", "Practitioner/example"),
                java.util.Map.entry("patientId", "1288992"));
        assertThat(call.access()).isNull();
        assertThat(call.prefetch()).isEmpty();
        assertThat(call.prefetchTokens())
                .containsEntry("context.patientId", "1288992")
                .containsEntry("userPractitionerId", "example");
    }

    @Test
    @DisplayName("a full request: FHIR access with the token, encounterId, prefetch with a JSON null kept as null")
    void fullRequest() {
        HookCall call = parser.parse(FULL, SERVICE);

        assertThat(call.access().serverBase()).isEqualTo("https://ehr.example/fhir");
        assertThat(call.access().accessToken()).isEqualTo("some-opaque-token");
        assertThat(call.context()).containsEntry("encounterId", "enc-1");
        assertThat(call.prefetch().get("patient").get("resourceType").asText()).isEqualTo("Patient");
        assertThat(call.prefetch().get("medications").isNull()).as("null means 'no data', not 'absent'").isTrue();
        assertThat(call.prefetch()).doesNotContainKey("vitalSigns");
    }

    @Test
    @DisplayName("fhirServer without fhirAuthorization is allowed: access to an open server, no token")
    void serverWithoutAuthorization() {
        HookCall call = parser.parse(MINIMAL.replace("{\"hook\"", "{\"fhirServer\": \"http://localhost:8080/fhir\", \"hook\""), SERVICE);

        assertThat(call.access().serverBase()).isEqualTo("http://localhost:8080/fhir");
        assertThat(call.access().accessToken()).isNull();
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("empty body", "", "$"),
                Arguments.of("blank body", "  \n ", "$"),
                Arguments.of("not JSON", "hook=patient-view", "$"),
                Arguments.of("truncated JSON", MINIMAL.substring(0, 40), "$"),
                Arguments.of("a JSON array", "[" + MINIMAL + "]", "$"),
                Arguments.of("JSON null", "null", "$"),
                Arguments.of("missing hook", MINIMAL.replace("\"hook\": \"patient-view\", ", ""), "hook"),
                Arguments.of("wrong hook", MINIMAL.replace("patient-view", "order-sign"), "hook"),
                Arguments.of("hook not a string", MINIMAL.replace("\"patient-view\"", "7"), "hook"),
                Arguments.of("hookInstance not a UUID", MINIMAL.replace(HOOK_INSTANCE, "instance-1"), "hookInstance"),
                Arguments.of("missing hookInstance", MINIMAL.replace("\"hookInstance\": \"" + HOOK_INSTANCE + "\",", ""), "hookInstance"),
                Arguments.of("missing context", json("{'hook': 'patient-view', 'hookInstance': '" + HOOK_INSTANCE + "'}"), "context"),
                Arguments.of("context not an object", MINIMAL.replaceFirst("\\{\"userId.*}}", "\"Patient/1288992\"}"), "context"),
                Arguments.of("missing context.patientId", MINIMAL.replace(", \"patientId\": \"1288992\"", ""), "context.patientId"),
                Arguments.of("missing context.userId", MINIMAL.replace("\"userId\": \"Practitioner/example\", ", ""), "context.userId"),
                Arguments.of("context.userId of an unknown type", MINIMAL.replace("Practitioner/example", "Doctor/1"), "context.userId"),
                Arguments.of("context.userId without id", MINIMAL.replace("Practitioner/example", "Practitioner/"), "context.userId"),
                Arguments.of("context.userId without type", MINIMAL.replace("Practitioner/example", "example"), "context.userId"),
                Arguments.of("patientId with a slash", MINIMAL.replace("\"1288992\"", "\"Patient/1288992\""), "context.patientId"),
                Arguments.of("patientId longer than 64", MINIMAL.replace("1288992", "1".repeat(65)), "context.patientId"),
                Arguments.of("fhirAuthorization without fhirServer", FULL.replace("\"fhirServer\": \"https://ehr.example/fhir\",", ""),
                        "fhirServer"),
                Arguments.of("token_type 'bearer'", FULL.replace("\"Bearer\"", "\"bearer\""), "fhirAuthorization.token_type"),
                Arguments.of("missing access_token", FULL.replace("\"access_token\": \"some-opaque-token\", ", ""),
                        "fhirAuthorization.access_token"),
                Arguments.of("expires_in 'soon'", FULL.replace("300", "\"soon\""), "fhirAuthorization.expires_in"),
                Arguments.of("negative expires_in", FULL.replace("300", "-1"), "fhirAuthorization.expires_in"),
                Arguments.of("missing scope", FULL.replace("'scope': 'patient/*.read', ".replace('\'', '"'), ""),
                        "fhirAuthorization.scope"),
                Arguments.of("fhirAuthorization not an object", FULL.replaceFirst("\\{\"access_token\"[^}]*}", "\"token\""),
                        "fhirAuthorization"),
                Arguments.of("fhirServer ftp://x", FULL.replace("https://ehr.example/fhir", "ftp://x"), "fhirServer"),
                Arguments.of("fhirServer relative", FULL.replace("https://ehr.example/fhir", "/fhir"), "fhirServer"),
                Arguments.of("fhirServer not a URL", FULL.replace("https://ehr.example/fhir", "https://ehr example/fhir"), "fhirServer"),
                Arguments.of("prefetch as an array", MINIMAL.replace("}}", "}, \"prefetch\": [{\"resourceType\": \"Patient\"}]}"),
                        "prefetch"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("invalidRequests")
    @DisplayName("an invalid request is an InvalidRequestException naming exactly the bad field")
    void invalidRequest(String description, String body, String field) {
        assertThatThrownBy(() -> parser.parse(body, SERVICE))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageNotContaining("some-opaque-token");
    }

    @Test
    @DisplayName("BUG: a body with content after the JSON object is not valid JSON and is refused at '$'")
    void trailingContentRefused() {
        assertThatThrownBy(() -> parser.parse(MINIMAL + " trailing garbage", SERVICE))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("$"));
    }

    @Test
    @DisplayName("BUG: an upper-case scheme in fhirServer is accepted")
    void upperCaseSchemeAccepted() {
        HookCall call = parser.parse(MINIMAL.replace("{\"hook\"", "{\"fhirServer\": \"HTTPS://ehr.example/fhir\", \"hook\""), SERVICE);

        assertThat(call.access()).isNotNull();
    }

    @Test
    @DisplayName("a null body is refused like an empty one")
    void nullBody() {
        assertThatThrownBy(() -> parser.parse((String) null, SERVICE))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("$"));
    }

    @Test
    @DisplayName("the test data itself is valid: each invalid case differs from a valid request by one change")
    void baseRequestsAreValid() {
        assertThat(parser.parse(MINIMAL, SERVICE).hookInstance()).isNotNull();
        assertThat(parser.parse(FULL, SERVICE).access()).isNotNull();
    }
}

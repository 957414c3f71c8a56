package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.examples.ExamplePatients;

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
}

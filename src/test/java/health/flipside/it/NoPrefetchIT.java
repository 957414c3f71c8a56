package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.examples.ExamplePatients;
import health.flipside.it.support.FhirTestServer;
import health.flipside.support.CdsHooksSchemas;

/**
 * The EHR sends no (or partial) prefetch: Flipside fetches from a real HAPI FHIR JPA server (dev/fhir-server) with
 * the fhirAuthorization token, and answers as it would with full prefetch. A FHIR server that is down degrades the
 * answer, it never fails the call.
 */
class NoPrefetchIT {
    private static final String TOKEN = "it-access-token-6f1c0b9e";
    private static String fhirBase;

    @BeforeAll
    static void loadPatientIntoFhirServer() throws Exception {
        fhirBase = FhirTestServer.ensureRunning();
        FhirTestServer.loadTransaction(ExamplePatients.transaction(ExamplePatients.named("vignette-1-masked-uncontrolled"), Instant.now()));
        FhirTestServer.loadTransaction(ExamplePatients.transaction(ExamplePatients.named(PHD_PATIENT), Instant.now()));
    }

    /** Home readings whose PHD Device has no patient element: Device?patient=… does not find it. */
    private static final String PHD_PATIENT = "safety-device-not-provided";

    private static ObjectNode requestWithAccess(String server) {
        ObjectNode request = withAccess(ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), Instant.now()), server);
        request.remove("prefetch");
        return request;
    }

    private static ObjectNode withAccess(ObjectNode request, String server) {
        request.put("fhirServer", server);
        ObjectNode auth = request.putObject("fhirAuthorization");
        auth.put("access_token", TOKEN);
        auth.put("token_type", "Bearer");
        auth.put("expires_in", 30);
        auth.put("scope", "patient/Observation.read patient/Device.read patient/MedicationRequest.read");
        auth.put("subject", "flipside");
        auth.put("patient", request.get("context").get("patientId").asText());
        return request;
    }

    @Test
    void phdDevicesWithoutAPatientElementAreFoundByIncludeWhenNothingIsPrefetched() throws Exception {
        ObjectNode request = withAccess(ExamplePatients.hookRequest(ExamplePatients.named(PHD_PATIENT), Instant.now()), fhirBase);
        request.remove("prefetch");

        assertPhdCuffTrusted(Flipside.post(Flipside.SERVICE, request.toString()));
    }

    @Test
    void phdDevicesMissingFromThePrefetchAreReadByIdFromTheFhirServer() throws Exception {
        // The EHR prefetched the readings but not their device (no include, and Device?patient=… misses it).
        ObjectNode request = withAccess(ExamplePatients.hookRequest(ExamplePatients.named(PHD_PATIENT), Instant.now()), fhirBase);

        assertPhdCuffTrusted(Flipside.post(Flipside.SERVICE, request.toString()));
    }

    /** The unlisted cuff declares itself regulated: its 188/121 is a warning naming it, the readings make a phenotype. */
    private static void assertPhdCuffTrusted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CdsHooksSchemas.assertValidServiceResponse(response.body());
        JsonNode cards = Flipside.json(response).get("cards");
        assertThat(cards).hasSize(2);
        assertThat(cards.get(0).get("summary").asText()).contains("188/121", "regulated cuff");
        assertThat(cards.get(0).get("detail").asText()).contains("model not verified by the clinic (Acme Health BP-1)");
        assertThat(cards.get(1).get("summary").asText()).contains("57 readings", "masked uncontrolled");
        assertThat(response.body()).doesNotContain("device the EHR did not provide");
    }

    @Test
    void withoutPrefetchTheAnswerComesFromTheFhirServer() throws Exception {
        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, requestWithAccess(fhirBase).toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CdsHooksSchemas.assertValidServiceResponse(response.body());
        JsonNode cards = Flipside.json(response).get("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("warning");
        assertThat(cards.get(0).get("summary").asText()).contains("138/86", "52 readings", "13 days");
        assertThat(cards.get(0).get("detail").asText()).contains("Tier A", "amlodipine");
    }

    @Test
    void anOperationOutcomeKeyIsFetchedWhileTheOtherKeysAreUsedAsSent() throws Exception {
        ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), Instant.now());
        ObjectNode withAccess = requestWithAccess(fhirBase);
        request.set("fhirServer", withAccess.get("fhirServer"));
        request.set("fhirAuthorization", withAccess.get("fhirAuthorization"));
        ((ObjectNode) request.get("prefetch")).set("devices", Flipside.JSON.readTree(
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}"));

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode cards = Flipside.json(response).get("cards");
        // The devices came from the server: readings still count as clinic-issued (Tier A), so the gate is met.
        assertThat(cards.get(0).get("summary").asText()).contains("52 readings");
    }

    @Test
    void aFhirServerThatIsDownDegradesTheAnswerInsteadOfFailingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE,
                requestWithAccess("http://127.0.0.1:" + closedPort + "/fhir").toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CdsHooksSchemas.assertValidServiceResponse(response.body());
        JsonNode cards = Flipside.json(response).get("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("info");
        assertThat(cards.get(0).get("detail").asText()).contains("vital signs");
    }

    @Test
    void theAccessTokenAndPatientIdNeverReachTheServerLog() throws Exception {
        Flipside.post(Flipside.SERVICE, requestWithAccess(fhirBase).toString());
        Path log = Path.of(System.getProperty("liberty.log.dir", "target/liberty/wlp/usr/servers/defaultServer/logs"), "messages.log");

        String messages = Files.readString(log);

        assertThat(messages).contains("service=patient-data-summary");
        assertThat(messages).doesNotContain(TOKEN).doesNotContain("vignette-1").doesNotContain("Morgan");
    }
}

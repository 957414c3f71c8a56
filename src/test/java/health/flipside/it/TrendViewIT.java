package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.examples.ExamplePatients;
import health.flipside.it.support.FhirTestServer;

/**
 * The trend view on the running server against the real HAPI FHIR server (dev/fhir-server): its numbers are the
 * card's, only an allow-listed FHIR server is ever read, bad input answers a message naming the problem, the page and
 * Chart.js come from Flipside itself, and a card links to the view only when the view has its data.
 */
class TrendViewIT {
    private static final String TOKEN = "it-smart-access-token-3c9e";
    private static final String VIGNETTE_1 = "vignette-1-masked-uncontrolled";
    private static final String WEARABLES_ONLY = "wearables-rhr-rise";
    private static String fhirBase;

    @BeforeAll
    static void loadPatients() {
        fhirBase = FhirTestServer.ensureRunning();
        for (String example : new String[] {VIGNETTE_1, WEARABLES_ONLY}) {
            FhirTestServer.loadTransaction(ExamplePatients.transaction(ExamplePatients.named(example), Instant.now()));
        }
    }

    private static String patientId(String example) {
        return ExamplePatients.hookRequest(ExamplePatients.named(example), Instant.now()).at("/context/patientId").asText();
    }

    private static HttpResponse<String> view(String iss, String patient, String token) throws Exception {
        String url = Flipside.BASE + "/trend/api/view?iss=" + URLEncoder.encode(iss, StandardCharsets.UTF_8)
                + "&patient=" + URLEncoder.encode(patient, StandardCharsets.UTF_8);
        return Flipside.send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    @Test
    void theViewOfVignette1HasTheCardsNumbers() throws Exception {
        HttpResponse<String> response = view(fhirBase, patientId(VIGNETTE_1), TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode bp = Flipside.json(response).get("bloodPressure");
        assertThat(bp.at("/home/meanSystolic").asInt()).isEqualTo(138);
        assertThat(bp.at("/home/meanDiastolic").asInt()).isEqualTo(86);
        assertThat(bp.at("/home/readings").asInt()).isEqualTo(52);
        assertThat(bp.get("homeReadings")).hasSizeGreaterThanOrEqualTo(52);
        assertThat(bp.get("officeReadings")).isNotEmpty();
        assertThat(Flipside.json(response).path("glucose").isNull() || Flipside.json(response).path("glucose").isMissingNode())
                .as("no glucose section").isTrue();
    }

    @Test
    void theCardLinksToTheViewAndACardWithoutChartableDataDoesNot() throws Exception {
        JsonNode withData = cards(VIGNETTE_1);
        JsonNode link = withData.get(0).get("links").get(0);
        assertThat(link.get("type").asText()).isEqualTo("smart");
        assertThat(link.get("url").asText()).isEqualTo(Flipside.BASE + "/trend/launch.html");

        JsonNode without = cards(WEARABLES_ONLY);
        assertThat(without).isNotEmpty();
        assertThat(without).allSatisfy(card -> assertThat(card.has("links")).isFalse());
    }

    private static JsonNode cards(String example) throws Exception {
        ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named(example), Instant.now());
        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Flipside.json(response).get("cards");
    }

    @Test
    void aFhirServerOffTheAllowListIsNeverRead() throws Exception {
        HttpResponse<String> response = view("http://169.254.169.254/latest/meta-data", patientId(VIGNETTE_1), TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Flipside.json(response).get("message").asText()).contains("not one Flipside is configured to read from");
        HttpResponse<String> servers = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/trend/api/servers?iss="
                + URLEncoder.encode(fhirBase, StandardCharsets.UTF_8))).GET(), null);
        assertThat(Flipside.json(servers).get("allowed").asBoolean()).isTrue();
    }

    @Test
    void badInputAnswersAMessageNamingTheProblem() throws Exception {
        assertProblem(view("", patientId(VIGNETTE_1), TOKEN), 400, "iss is missing");
        assertProblem(view(fhirBase, "../Patient?name=x", TOKEN), 400, "no valid patient id");
        assertProblem(view(fhirBase, patientId(VIGNETTE_1), null), 401, "No access token");
        assertProblem(view(fhirBase, "no-such-patient-4711", TOKEN), 404, "no patient with this id");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Flipside.json(response).get("message").asText()).contains(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain(TOKEN);
    }

    @Test
    void thePageAndChartJsComeFromFlipsideUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/trend/index.html")).GET(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("src=\"chart.umd.js\"").doesNotContain("https://");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "connect-src 'self' " + URI.create(fhirBase).getScheme() + "://");

        HttpResponse<String> chart = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/trend/chart.umd.js")).GET(), null);
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js v4.4.1");
        HttpResponse<String> other = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/trend/../WEB-INF/web.xml")).GET(), null);
        assertThat(other.statusCode()).isIn(400, 404);
    }
}

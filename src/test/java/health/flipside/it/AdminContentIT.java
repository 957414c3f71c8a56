package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The authoring side of the running server: serving set, examples, preview and console, all behind the admin credential. */
class AdminContentIT {

    @Test
    void everyAdminContentEndpointNeedsTheCredential() throws Exception {
        for (String path : new String[] {"/admin/rules", "/admin/examples", "/admin/console/"}) {
            HttpResponse<String> response = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + path)).GET(), null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> reload = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/admin/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()), null);
        assertThat(reload.statusCode()).isEqualTo(401);
    }

    @Test
    void theServingSetIsDescribed() throws Exception {
        JsonNode rules = Admin.json(Admin.get("/admin/rules"));

        assertThat(rules.get("ruleCount").asInt()).isPositive();
        assertThat(rules.get("rules").toString()).contains("bp.treated.masked-uncontrolled");
        assertThat(rules.get("templates").toString()).contains("bp-masked-uncontrolled");
        assertThat(rules.get("loadedAt").asText()).isNotBlank();
        assertThat(rules.get("watching").asBoolean()).isTrue();
    }

    @Test
    void examplesComeWithTheirDatesMovedToToday() throws Exception {
        JsonNode examples = Admin.json(Admin.get("/admin/examples"));

        JsonNode vignette = null;
        for (JsonNode example : examples) {
            if (example.get("name").asText().equals("vignette-1-masked-uncontrolled")) {
                vignette = example;
            }
        }
        assertThat(vignette).as(examples.toString()).isNotNull();
        assertThat(vignette.get("description").asText()).contains("vignette 1");
        String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        String yesterday = Instant.now().minus(1, ChronoUnit.DAYS).toString().substring(0, 10);
        assertThat(vignette.get("request").asText()).containsAnyOf(today, yesterday);
    }

    @Test
    void previewShowsCardsFiredRulesAndFacts() throws Exception {
        String request = Admin.json(Admin.get("/admin/examples")).findValues("request").stream()
                .map(JsonNode::asText).filter(r -> r.contains("\"vignette-1\"")).findFirst().orElseThrow();

        HttpResponse<String> response = Admin.post("/admin/preview", request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = Admin.json(response);
        assertThat(preview.get("cards").get(0).get("indicator").asText()).isEqualTo("warning");
        assertThat(preview.get("cards").get(0).get("summary").asText()).contains("138/86");
        assertThat(preview.get("origins").get(0).get("ruleIds").get(0).asText()).isEqualTo("bp.treated.masked-uncontrolled");
        JsonNode firing = preview.get("firings").get(0);
        assertThat(firing.get("ruleId").asText()).isEqualTo("bp.treated.masked-uncontrolled");
        assertThat(firing.get("templateId").asText()).isEqualTo("bp-masked-uncontrolled");
        assertThat(firing.get("facts").findValuesAsText("type")).contains("HomeBloodPressure", "OfficeBloodPressure");
        assertThat(preview.get("facts").findValuesAsText("type")).contains("HomeBloodPressure", "DataQuality");
        assertThat(preview.get("problems")).isEmpty();
    }

    @Test
    void aBadPreviewRequestIsRefusedWithItsReason() throws Exception {
        HttpResponse<String> response = Admin.post("/admin/preview", "{\"hook\":\"patient-view\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("hookInstance");
    }

    @Test
    void theConsoleIsServedWithoutExternalAssets() throws Exception {
        HttpResponse<String> page = Admin.get("/admin/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        assertThat(page.body()).contains("console.js").doesNotContain("http://", "https://");
        assertThat(Admin.get("/admin/console/console.js").statusCode()).isEqualTo(200);
        assertThat(Admin.get("/admin/console/secret.txt").statusCode()).isEqualTo(404);
    }
}

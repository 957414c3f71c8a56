package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import health.flipside.examples.ExamplePatients;
import health.flipside.support.CdsHooksSchemas;

/** patient-view with every prefetch key filled, through HTTP, against the real rules and card texts. */
class HookWithPrefetchIT {

    @Test
    void maskedUncontrolledHypertensionGivesOneWarningCard() throws Exception {
        String request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-1-masked-uncontrolled"), Instant.now()).toString();

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CdsHooksSchemas.assertValidServiceResponse(response.body());
        JsonNode cards = Flipside.json(response).get("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("warning");
        assertThat(cards.get(0).get("summary").asText()).contains("138/86", "52 readings", "masked uncontrolled");
    }

    @Test
    void severeHomeReadingComesFirstAsCritical() throws Exception {
        String request = ExamplePatients.hookRequest(ExamplePatients.named("critical-home-reading"), Instant.now()).toString();

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request);

        assertThat(response.statusCode()).isEqualTo(200);
        CdsHooksSchemas.assertValidServiceResponse(response.body());
        JsonNode cards = Flipside.json(response).get("cards");
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).get("summary").asText()).contains("186/122");
    }

    @Test
    void patientWithoutDevicesGetsNoWarning() throws Exception {
        String request = ExamplePatients.hookRequest(ExamplePatients.named("vignette-4-no-devices"), Instant.now()).toString();

        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, request);

        assertThat(response.statusCode()).isEqualTo(200);
        CdsHooksSchemas.assertValidServiceResponse(response.body());
        JsonNode cards = Flipside.json(response).get("cards");
        assertThat(cards).hasSizeLessThanOrEqualTo(1);
        cards.forEach(card -> assertThat(card.get("indicator").asText()).isEqualTo("info"));
    }
}

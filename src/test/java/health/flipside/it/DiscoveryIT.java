package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import health.flipside.support.CdsHooksSchemas;

/** GET /cds-services on the running server (CDS Hooks 2.0 "Discovery"). */
class DiscoveryIT {

    @Test
    void advertisesPatientDataSummaryWithSpecConformantPrefetch() throws Exception {
        HttpResponse<String> response = Flipside.get(Flipside.BASE + "/cds-services");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        CdsHooksSchemas.assertValidDiscovery(response.body());
        JsonNode service = Flipside.json(response).get("services").get(0);
        assertThat(service.get("id").asText()).isEqualTo("patient-data-summary");
        assertThat(service.get("hook").asText()).isEqualTo("patient-view");
        List<String> keys = new ArrayList<>();
        service.get("prefetch").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("patient", "vitalSigns", "laboratory", "activity", "surveys",
                "questionnaireResponses", "devices", "medications", "conditions", "procedures",
                "episodesOfCare", "socialHistory", "ecgReports");
        // Query restrictions (CDS Hooks 2.0 "Prefetch query restrictions"): no chained parameters, no _include but the
        // one documented exception: the Observation searches bring the PHD devices their readings name (no patient
        // element, so Device?patient=… misses them; cds-hooks.org best practices recommend the include).
        String include = "&_include=Observation:device";
        for (String key : List.of("vitalSigns", "laboratory", "activity")) {
            assertThat(service.get("prefetch").get(key).asText()).endsWith(include);
        }
        service.get("prefetch").forEach(template -> assertThat(template.asText()).contains("{{context.patientId}}")
                .satisfies(t -> assertThat(t.replace(include, "").replaceAll("\\{\\{[^}]*}}", ""))
                        .doesNotContain("_include").doesNotContain("_revinclude").doesNotContain(".")));
    }
}

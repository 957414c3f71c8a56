package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CDS Hooks 2.0 prefetch tokens, filled the way a CDS client fills them. */
class PrefetchTemplatesTest {

    @Test
    @DisplayName("every token is replaced by its value, with or without spaces inside the braces")
    void rendersTokens() {
        String url = PrefetchTemplates.render(
                "Observation?patient={{context.patientId}}&performer={{ userPractitionerId }}&category=vital-signs",
                Map.of("context.patientId", "123", "userPractitionerId", "dr-7"));

        assertThat(url).isEqualTo("Observation?patient=123&performer=dr-7&category=vital-signs");
    }

    @Test
    @DisplayName("a template without tokens comes back unchanged")
    void noTokens() {
        assertThat(PrefetchTemplates.render("Patient?_count=1", Map.of())).isEqualTo("Patient?_count=1");
    }

    @Test
    @DisplayName("a token without a value is refused, naming the token: the query cannot run as intended")
    void missingToken() {
        assertThatThrownBy(() -> PrefetchTemplates.render("Patient/{{context.patientId}}", Map.of("context.userId", "Practitioner/1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{{context.patientId}}");
    }

    @Test
    @DisplayName("a blank value is refused like a missing one")
    void blankToken() {
        assertThatThrownBy(() -> PrefetchTemplates.render("Patient/{{context.patientId}}", Map.of("context.patientId", " ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a value cannot add query parameters: '&' and '=' are percent-encoded")
    void valuesAreEncoded() {
        String url = PrefetchTemplates.render("Observation?patient={{context.patientId}}",
                Map.of("context.patientId", "123&_count=1"));

        assertThat(url).isEqualTo("Observation?patient=123%26_count%3D1");
    }
}

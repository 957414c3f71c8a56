package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The keyed patient hash of alert hygiene. */
class PatientKeysTest {
    static final String SECRET = "a-secret-of-at-least-thirty-two-characters!";

    @Test
    void theSamePatientOfTheSameEhrHasOneKeyAndNothingElseShares() {
        PatientKeys keys = new PatientKeys(SECRET);
        String key = keys.of("https://ehr.example/fhir", "123").orElseThrow();

        assertThat(key).matches("[0-9a-f]{64}").doesNotContain("123");
        assertThat(keys.of("https://ehr.example/fhir/", " 123 ")).contains(key);
        assertThat(keys.of("https://other.example/fhir", "123")).isNotEqualTo(keys.of("https://ehr.example/fhir", "123"));
        assertThat(keys.of("https://ehr.example/fhir", "124")).get().isNotEqualTo(key);
        assertThat(new PatientKeys(SECRET + "x").of("https://ehr.example/fhir", "123")).get().isNotEqualTo(key);
    }

    @Test
    void noPatientIdNoKey() {
        assertThat(new PatientKeys(SECRET).of("https://ehr.example/fhir", null)).isEmpty();
        assertThat(new PatientKeys(SECRET).of(null, " ")).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new PatientKeys("too-short")).hasMessageContaining("at least 32 characters")
                .hasMessageNotContaining("too-short");
    }
}

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
    void aKeyIsTheHmacOfServerAndIdSoKeysStoredByEarlierVersionsStillMatch() {
        // printf 'https://ehr.example/fhir\n123' | openssl dgst -sha256 -hmac "$SECRET"
        assertThat(new PatientKeys(SECRET).of("https://ehr.example/fhir//", "123"))
                .contains("8229be3f9ff626957d52165dda95632d3c594b1bc7a52158d3e64f44a26448a8");
    }

    @Test
    void requestsAtOnceGetTheKeysOneAfterAnotherGets() throws Exception {
        PatientKeys keys = new PatientKeys(SECRET);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String id = "patient-" + (i % 50);
                String alone = new PatientKeys(SECRET).of("https://ehr.example/fhir", id).orElseThrow();
                same.add(threads.submit(() -> keys.of("https://ehr.example/fhir", id).orElseThrow().equals(alone)));
            }
            for (java.util.concurrent.Future<Boolean> s : same) {
                assertThat(s.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
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

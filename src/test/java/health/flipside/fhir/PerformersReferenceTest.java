package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

/** A performer's resource type is read without HAPI for the usual "Type/id" form, and always as HAPI's IdType reads it. */
class PerformersReferenceTest {
    private static final String ALPHABET = "Patient/123.-_#:xyzPRACTIONER /é";

    @Test
    void readsTheTypeOfEachFormAsHapiDoes() {
        for (String reference : List.of("Patient/123", "Practitioner/a.b-c", "RelatedPerson/9", "http://fhir.example/fhir/Patient/7",
                "Patient/7/_history/2", "#contained-1", "urn:uuid:9b0e7c1e-2f53-4c56-9d1e-9a4f0c2b6d11", "patient/1",
                "Patient/", "/1", "Patient//1", "Pat ient/1", "Patient/1 ", "Patient/" + "x".repeat(65), "Patiént/1", "P/1")) {
            assertThat(Performers.resourceType(reference)).as(reference).isEqualTo(new IdType(reference).getResourceType());
        }
        assertThat(Performers.resourceType("Patient/123")).isEqualTo("Patient");
    }

    @Test
    void agreesWithHapiOnFiftyThousandMutatedReferences() {
        Random random = new Random(20261205);
        List<String> seeds = List.of("Patient/123", "Practitioner/abc-1.2", "Organization/o1", "RelatedPerson/r");
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int e = 0, edits = 1 + random.nextInt(3); e < edits; e++) {
                int at = random.nextInt(s.length() + 1);
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(3)) {
                    case 0 -> { if (at < s.length()) s.setCharAt(at, c); }
                    case 1 -> s.insert(at, c);
                    default -> { if (at < s.length() && s.length() > 1) s.deleteCharAt(at); }
                }
            }
            String reference = s.toString();
            assertThat(Performers.resourceType(reference)).as(reference).isEqualTo(new IdType(reference).getResourceType());
        }
    }
}

package health.flipside.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClinicalVocabularyTest {
    private final ClinicalVocabulary.Concept afib = new ClinicalVocabulary.Concept(
            List.of("http://hl7.org/fhir/sid/icd-10-cm|I48*", "http://snomed.info/sct|49436004"), List.of("Atrial Fibrillation"));

    @Test
    void aCodeMatchesExactlyOrByItsPrefixPattern() {
        assertThat(afib.matches(List.of("http://snomed.info/sct|49436004"), List.of())).isTrue();
        assertThat(afib.matches(List.of("http://hl7.org/fhir/sid/icd-10-cm|I48.91"), List.of())).isTrue();
        assertThat(afib.matches(List.of("http://hl7.org/fhir/sid/icd-10-cm|I4"), List.of())).isFalse();
        assertThat(afib.matches(List.of("http://snomed.info/sct|494360041"), List.of())).isFalse();
    }

    @Test
    void aTextMatchesByCaseInsensitiveContainment() {
        assertThat(afib.matches(List.of(), List.of("Paroxysmal ATRIAL FIBRILLATION, on apixaban"))).isTrue();
        assertThat(afib.matches(List.of(), List.of("atrial flutter"))).isFalse();
        assertThat(new ClinicalVocabulary.Concept(List.of("x|1"), List.of()).matches(List.of("x|2"), List.of("x|1"))).isFalse();
    }
}

package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import health.flipside.facts.ClinicalVocabulary;

/**
 * A concept's vocabulary names are asked once per distinct concept of a call: equal concepts must be the same
 * concept, and the memo must answer what the vocabulary answers.
 */
class ConceptNamesTest {
    private static final ClinicalVocabulary VOCABULARY = PatientRecordReaderTest.RULES.vocabulary();
    private static final String SNOMED = "http://snomed.info/sct";

    private static Concept concept(String text, String system, String code, String display) {
        return new Concept(text, List.of(new Concept.Code(system, code, display, null)));
    }

    @Test
    void conceptsWithTheSameTextAndCodingsAreEqual() {
        Concept a = concept("Pregnant", SNOMED, "77386006", "Pregnant (finding)");
        assertThat(concept("Pregnant", SNOMED, "77386006", "Pregnant (finding)")).isEqualTo(a).hasSameHashCodeAs(a);
        // Any difference a vocabulary could read makes another concept: the words as much as the codes.
        assertThat(concept("Pregnant", SNOMED, "77386006", "Not pregnant")).isNotEqualTo(a);
        assertThat(concept(null, SNOMED, "77386006", "Pregnant (finding)")).isNotEqualTo(a);
        assertThat(concept("Pregnant", SNOMED, "60001007", "Pregnant (finding)")).isNotEqualTo(a);
        assertThat(concept("Pregnant", "http://loinc.org", "77386006", "Pregnant (finding)")).isNotEqualTo(a);
        assertThat(new Concept("Pregnant", List.of(new Concept.Code(SNOMED, "77386006", "Pregnant (finding)", 1)))).isNotEqualTo(a);
    }

    @Test
    void aRequestsEqualConceptsAreOneInstanceWithTheSameCodesAndWords() {
        Concepts concepts = new Concepts();
        List<Concept.Code> panel = List.of(new Concept.Code("http://loinc.org", "85354-9", "Blood pressure panel", null),
                new Concept.Code("urn:iso:std:iso:11073:10101", "150020", null, null));
        Concept first = concepts.of("Blood pressure", panel);
        Concept again = concepts.of("Blood pressure", List.of(new Concept.Code("http://loinc.org", "85354-9", "Blood pressure panel", null),
                new Concept.Code("urn:iso:std:iso:11073:10101", "150020", null, null)));
        Concept other = concepts.of("Blood pressure", panel.subList(0, 1));

        assertThat(again).isSameAs(first);
        assertThat(other).isNotSameAs(first).isNotEqualTo(first);
        assertThat(first.codes()).containsExactlyInAnyOrder("http://loinc.org|85354-9", "urn:iso:std:iso:11073:10101|150020");
        assertThat(first.texts()).containsExactly("Blood pressure", "Blood pressure panel");
        assertThat(other.codes()).containsExactly("http://loinc.org|85354-9");
        // Two codings naming one code are one code, as a set of codes always had it.
        assertThat(concepts.of(null, List.of(panel.get(0), panel.get(0))).codes()).containsExactly("http://loinc.org|85354-9");
    }

    @Test
    void hasAnyOfLooksAtEveryCoding() {
        Concept two = new Concept(null, List.of(new Concept.Code(SNOMED, "1", null, null), new Concept.Code(SNOMED, "2", null, null)));
        assertThat(two.hasAnyOf(Set.of(SNOMED + "|2", "x|y"))).isTrue();
        assertThat(two.hasAnyOf(Set.of(SNOMED + "|3"))).isFalse();
        assertThat(Concept.NONE.hasAnyOf(Set.of(SNOMED + "|1"))).isFalse();
    }

    @Test
    void answersWhatTheVocabularyAnswersAskedOnceOrAgain() {
        List<Concept> concepts = List.of(
                concept(null, SNOMED, "77386006", null),                       // pregnancy, by code
                concept("Suicide risk level", "http://loinc.org", "x", null),  // an assessment, by words
                concept(null, "http://hl7.org/fhir/sid/icd-10-cm", "Z34.90", null), // pregnancy, by a code prefix
                concept("Fell at home", SNOMED, "1912002", "Fall"),
                concept("Blood pressure panel", "http://loinc.org", "85354-9", null),
                Concept.NONE);
        ConceptNames names = new ConceptNames(VOCABULARY);
        for (int round = 0; round < 2; round++) {
            for (Concept c : concepts) {
                assertThat(names.assessments(c)).as(c.toString()).isEqualTo(VOCABULARY.assessmentsOf(c.codes(), c.texts()));
                for (String group : List.of("pregnancy", "not-pregnant", "postpartum", "delivery", "ecg", "no-such-group")) {
                    assertThat(names.isContext(group, c)).as(group + " " + c)
                            .isEqualTo(VOCABULARY.isContext(group, c.codes(), c.texts()));
                }
            }
        }
        assertThat(names.isContext("pregnancy", concepts.get(0))).isTrue();
        assertThat(names.isContext("pregnancy", concepts.get(2))).isTrue();
        assertThat(names.assessments(concepts.get(1))).containsExactly("suicide-risk-assessment");
        assertThat(names.assessments(concepts.get(3))).contains("hypotension-symptom");
    }

    @Test
    void aFhirIdIsOneToSixtyFourOfItsCharacters() {
        assertThat(FhirValues.isId("Patient/abc-1.2", 8)).isTrue();
        assertThat(FhirValues.isId("x".repeat(64), 0)).isTrue();
        assertThat(FhirValues.isId("x".repeat(65), 0)).isFalse();
        assertThat(FhirValues.isId("Patient/", 8)).isFalse();
        for (String bad : List.of("a_b", "a b", "a/b", "é", "a#", "a:b")) {
            assertThat(FhirValues.isId(bad, 0)).as(bad).isFalse();
        }
        for (char c : "AZaz09-.".toCharArray()) {
            assertThat(FhirValues.isId(String.valueOf(c), 0)).as(String.valueOf(c)).isTrue();
        }
    }
}

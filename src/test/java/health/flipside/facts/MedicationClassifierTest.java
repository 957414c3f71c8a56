package health.flipside.facts;

import health.flipside.facts.bp.AntihypertensiveTreatment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Antihypertensive or not, from the staff-maintained list (rules/bp/antihypertensives.yaml). */
class MedicationClassifierTest {
    private static final String ATC = "http://www.whocc.no/atc";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private final MedicationClassifier classifier = new MedicationClassifier(
            List.of("C02", "C03", "C07", "C08", "C09"), List.of("Amlodipine", "lisinopril", "hydrochlorothiazide"));

    @ParameterizedTest(name = "{0}")
    @DisplayName("an ATC code under a listed class prefix is an antihypertensive")
    @ValueSource(strings = {"C09AA03", "C08CA01", "C07AB02", "C03AA03", "C02AC01"})
    void atcPrefix(String code) {
        assertThat(classifier.matches(List.of(ATC + "|" + code), List.of())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("an ATC code of another class is not (statin, biguanide, nitrate)")
    @ValueSource(strings = {"C10AA05", "A10BA02", "C01DA02"})
    void otherAtcClass(String code) {
        assertThat(classifier.matches(List.of(ATC + "|" + code), List.of("atorvastatin"))).isFalse();
    }

    @Test
    @DisplayName("an ATC-looking code in another code system is not read as ATC")
    void atcCodeInOtherSystem() {
        assertThat(classifier.matches(List.of(RXNORM + "|C09AA03"), List.of())).isFalse();
    }

    @Test
    @DisplayName("an RxNorm order without class is recognised by its ingredient in the text, ignoring case")
    void ingredientText() {
        assertThat(classifier.matches(List.of(RXNORM + "|197361"), List.of("AMLODIPINE 5 MG Oral Tablet"))).isTrue();
        assertThat(classifier.matches(List.of(), List.of("Metformin 500 MG", "lisinopril 10 MG Oral Tablet"))).isTrue();
    }

    @Test
    @DisplayName("a medication with neither a listed class nor a listed ingredient is not an antihypertensive")
    void neither() {
        assertThat(classifier.matches(List.of(RXNORM + "|860975"), List.of("metformin 500 MG Oral Tablet"))).isFalse();
        assertThat(classifier.matches(List.of(), List.of())).isFalse();
    }

    @Test
    @DisplayName("heart-failure drugs count only with another antihypertensive; a combination pill counts each ingredient")
    void heartFailureDrugsAloneAreNotTreatedHypertension() {
        MedicationClassifier list = new health.flipside.rules.RuleSetLoader().load(java.nio.file.Path.of("rules")).antihypertensives();
        java.util.function.Function<String, Medication> order = text -> {
            boolean bp = list.matches(List.of(), List.of(text));
            return new Medication(text, bp, bp && list.countsOnlyWithAnother(List.of(), List.of(text)), list.ingredientsIn(List.of(text)));
        };
        AntihypertensiveTreatment hfOnly = AntihypertensiveTreatment.of(true, List.of(order.apply("furosemide 40 MG Oral Tablet"),
                order.apply("spironolactone 25 MG Oral Tablet"), order.apply("sacubitril 49 MG / valsartan 51 MG Oral Tablet")));
        assertThat(hfOnly.treated()).isFalse();
        assertThat(hfOnly.notCounted()).hasSize(3);
        assertThat(hfOnly.drugCount()).as("furosemide, spironolactone, sacubitril, valsartan").isEqualTo(4);

        AntihypertensiveTreatment withAnother = AntihypertensiveTreatment.of(true, List.of(order.apply("furosemide 40 MG Oral Tablet"),
                order.apply("amlodipine 5 MG Oral Tablet")));
        assertThat(withAnother.treated()).isTrue();
        assertThat(withAnother.hasNotCounted()).isFalse();

        AntihypertensiveTreatment combination = AntihypertensiveTreatment.of(true, List.of(
                order.apply("amlodipine 5 MG / valsartan 160 MG Oral Tablet"), order.apply("amlodipine 10 MG Oral Tablet")));
        assertThat(combination.drugCount()).as("amlodipine twice is one drug").isEqualTo(2);
        AntihypertensiveTreatment byAtcOnly = AntihypertensiveTreatment.of(true, List.of(new Medication("Brand X", true)));
        assertThat(byAtcOnly.treated()).isTrue();
        assertThat(byAtcOnly.drugCount()).isEqualTo(1);
    }
}

package health.flipside.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import health.flipside.cards.Card;
import health.flipside.content.ContentGate;
import health.flipside.content.PatientInput;
import health.flipside.examples.SyntheaPghd.Picture;
import health.flipside.services.LoadedContent;

/**
 * The demo's patient-generated layer over Synthea patients (SyntheaPghd): the same for a seed, about the given
 * patient, from devices of every tier, and, what matters most, Flipside's pipeline turns each picture into the cards
 * the demo promises (docs/demo.md), whatever the seed's noise and missed days.
 */
class SyntheaPghdTest {
    private static final SyntheaPghd.Person PERSON = new SyntheaPghd.Person("fbbb9e34-9590-76b6-d727-eb7d8e9c696e",
            "Cherly", "Blick", AdministrativeGender.FEMALE, LocalDate.of(1960, 5, 2));
    private static LoadedContent content;

    @BeforeAll
    static void load() {
        content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
    }

    static List<Card> cards(PatientBuilder layer, Instant now) {
        ExamplePatients.Example example = new ExamplePatients.Example("synthea-layer", "", n -> layer);
        return content.pipeline().run(PatientInput.fromHookRequest(ExamplePatients.hookRequest(example, now).toString()), now).cards();
    }

    private static String transaction(Picture picture, long seed, Instant now) {
        return ExamplePatients.transaction(SyntheaPghd.resources(SyntheaPghd.layer(PERSON, picture, seed, now)));
    }

    @Test
    void theSameSeedGivesTheSameLayerAndAnotherSeedAnotherOne() {
        Instant now = Instant.parse("2026-12-05T15:00:00Z");
        for (Picture picture : Picture.values()) {
            assertThat(transaction(picture, 12, now)).isEqualTo(transaction(picture, 12, now));
            assertThat(transaction(picture, 12, now)).isNotEqualTo(transaction(picture, 13, now));
        }
    }

    @Test
    void everyPictureBeforeAnyRepeatsWhateverTheSeed() {
        for (long seed : new long[] {0, 12, -7}) {
            assertThat(Stream.iterate(0, i -> i + 1).limit(Picture.values().length).map(i -> SyntheaPghd.pictureFor(i, seed)))
                    .containsExactlyInAnyOrder(Picture.values());
        }
    }

    @Test
    void everyResourceIsAboutTheGivenPatientAndSyntheasPatientIsLeftAlone() {
        String patient = "Patient/" + PERSON.id();
        for (Picture picture : Picture.values()) {
            List<Resource> resources = SyntheaPghd.resources(SyntheaPghd.layer(PERSON, picture, 12, Instant.now()));
            assertThat(resources).noneMatch(Patient.class::isInstance);
            assertThat(resources).filteredOn(Observation.class::isInstance).isNotEmpty()
                    .allSatisfy(r -> assertThat(((Observation) r).getSubject().getReference()).isEqualTo(patient));
            resources.stream().filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
                    .forEach(r -> assertThat(r.getSubject().getReference()).isEqualTo(patient));
            resources.stream().filter(Condition.class::isInstance).map(Condition.class::cast)
                    .forEach(r -> assertThat(r.getSubject().getReference()).isEqualTo(patient));
            resources.stream().filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast)
                    .forEach(r -> assertThat(r.getSubject().getReference()).isEqualTo(patient));
            resources.stream().filter(Device.class::isInstance).map(Device.class::cast).filter(Device::hasPatient)
                    .forEach(r -> assertThat(r.getPatient().getReference()).isEqualTo(patient));
            assertThat(resources).allSatisfy(r -> assertThat(r.getIdElement().getIdPart()).hasSizeLessThanOrEqualTo(64));
        }
    }

    @Test
    void thePopulationsDevicesSpanEveryTier() {
        Instant now = Instant.now();
        List<String> details = new ArrayList<>();
        for (Picture picture : Picture.values()) {
            cards(SyntheaPghd.layer(PERSON, picture, 12, now), now).forEach(c -> details.add(c.detail()));
        }
        assertThat(String.join("\n", details)).contains(
                "Tier A: clinic-issued validated device",
                "Tier B: patient-owned validated device",
                "Tier B: regulated medical device, model not verified by the clinic",
                "Tier C: consumer device, not clinic-validated",
                "cuffless (watch/ring) readings",
                "unvalidated or self-reported readings not used");
    }

    /** Every picture for several seeds, now and at both ends of the patient's day (the morning readings still to come). */
    static Stream<Arguments> picturesSeedsAndTimes() {
        List<Instant> times = List.of(Instant.now(), Instant.parse("2026-12-05T08:30:00Z"), Instant.parse("2026-12-06T04:00:00Z"));
        return Stream.of(Picture.values()).flatMap(p -> Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 12L)
                .flatMap(s -> times.stream().map(t -> Arguments.of(p, s, t))));
    }

    /** The cards docs/demo.md lists for each picture. */
    @ParameterizedTest(name = "{0}, seed {1}, {2}")
    @MethodSource("picturesSeedsAndTimes")
    void eachPictureGivesItsCards(Picture picture, long seed, Instant now) {
        List<Card> cards = cards(SyntheaPghd.layer(PERSON, picture, seed, now), now);
        List<String> summaries = cards.stream().map(c -> c.indicator() + " " + c.summary()).toList();
        String texts = String.join("\n", cards.stream().map(c -> c.summary() + "\n" + c.detail()).toList());
        assertThat(summaries).noneMatch(s -> s.startsWith("critical"));
        switch (picture) {
            case UNCONTROLLED_HOME_BP -> {
                assertThat(summaries.get(0)).startsWith("warning Home BP avg").contains("at or above 130/80");
                assertThat(cards.get(0).detail()).contains("Tier A: clinic-issued validated device (Omron Healthcare HEM-9200T)",
                        "Active treatment: amlodipine");
                assertThat(texts).contains("cuffless (watch/ring) BP readings were not used");
            }
            case CGM_LOWS -> {
                assertThat(summaries.get(0)).startsWith("warning Hypoglycaemia above targets");
                assertThat(cards.get(0).detail()).contains("Tier B: patient-owned validated device (Dexcom G7)", "computed from");
            }
            case HF_WEIGHT_GAIN -> {
                assertThat(summaries.get(0)).startsWith("warning Weight +").contains("vs baseline", "KCCQ-12 down");
                assertThat(cards.get(0).detail()).contains("Tier A: clinic-issued validated device (A&D Medical UC-352BLE)");
            }
            case DEPRESSION_RISING -> {
                assertThat(summaries).anyMatch(s -> s.startsWith("warning PHQ-9") && s.contains("reliable worsening"));
                assertThat(summaries).anyMatch(s -> s.startsWith("warning GAD-7") && s.contains("reliable worsening"));
                assertThat(texts).contains("below the ≥7 h recommendation");
            }
            case REGULATED_CUFF_HOME_BP -> {
                assertThat(summaries.get(0)).startsWith("warning Home BP avg").contains("at or above 130/80");
                assertThat(cards.get(0).detail()).contains("Tier B: regulated medical device, model not verified by the clinic (Acme Health BP-1)");
                assertThat(texts).contains("Resting heart rate");
            }
        }
    }
}

package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import health.flipside.facts.proms.PromScore;

/**
 * PROMs from FHIR (docs/clinical-sources.md, PROMs): QuestionnaireResponses shaped like the LHC-Forms, SDC and
 * Argonaut PHQ-9 forms,
 * score and item Observations, and the rule that one administration counts once.
 */
class PromReaderTest {
    static final String LOINC = "http://loinc.org";
    static final String AUTHORED = "2026-11-18T09:15:00-05:00";
    static final List<String> PHQ9 = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
            "44252-5", "44253-3", "44260-8");
    static final List<String> LA = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");

    private final PromReader reader = new PromReader();

    // ---- builders ----------------------------------------------------------------------------------------------

    static QuestionnaireResponse form(String id, String questionnaire) {
        QuestionnaireResponse form = new QuestionnaireResponse();
        form.setId(id);
        form.setQuestionnaire(questionnaire);
        form.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        form.setAuthoredElement(new DateTimeType(AUTHORED));
        form.setAuthor(new Reference("Patient/p1"));
        return form;
    }

    /** LHC-Forms: linkIds "/44250-9", LOINC answer codes; null leaves an item unanswered. */
    static QuestionnaireResponse lhcPhq9(String id, Integer... answers) {
        QuestionnaireResponse form = form(id, "http://loinc.org/q/44249-1");
        for (int i = 0; i < answers.length; i++) {
            QuestionnaireResponse.QuestionnaireResponseItemComponent item = form.addItem().setLinkId("/" + PHQ9.get(i));
            if (answers[i] != null) {
                item.addAnswer().setValue(new Coding(LOINC, LA.get(answers[i]), null));
            }
        }
        return form;
    }

    static Observation observation(String id, String loinc, String effective) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        o.setEffective(new DateTimeType(effective));
        return o;
    }

    static Observation total(String id, String loinc, double value, String effective, String performer) {
        Observation o = observation(id, loinc, effective);
        o.setValue(new Quantity().setValue(value).setUnit("{score}"));
        if (performer != null) {
            o.addPerformer(new Reference(performer));
        }
        return o;
    }

    /** As the extractor hands them over: the Observations apart, as views. */
    PromReader.Read readAll(List<? extends Resource> resources) {
        ResolvedData data = new ResolvedData(java.util.Map.of("all", List.copyOf(resources)), List.of());
        return reader.read(data.all(), data.allObservations());
    }

    List<PromScore> read(Resource... resources) {
        return readAll(List.of(resources)).scores();
    }

    static PromScore only(List<PromScore> scores) {
        assertThat(scores).hasSize(1);
        return scores.get(0);
    }

    // ---- QuestionnaireResponses --------------------------------------------------------------------------------

    @Nested
    @DisplayName("QuestionnaireResponse scoring")
    class Forms {
        @Test
        @DisplayName("LHC-Forms PHQ-9: 9 LOINC-linked answers → total, item 9 kept, authored time, patient author = remote")
        void lhcForms() {
            PromScore score = only(read(lhcPhq9("f1", 2, 2, 1, 2, 1, 1, 1, 0, 2)));

            assertThat(score.instrument()).isEqualTo("PHQ-9");
            assertThat(score.scale()).isEqualTo("total");
            assertThat(score.score()).isEqualTo(12);
            assertThat(score.item("9")).isEqualTo(2);
            assertThat(score.items()).hasSize(9);
            assertThat(score.completedAt()).isEqualTo(java.time.Instant.parse("2026-11-18T14:15:00Z"));
            assertThat(score.localTime()).isEqualTo(java.time.LocalDateTime.parse("2026-11-18T09:15"));
            assertThat(score.remote()).isTrue();
        }

        @Test
        @DisplayName("SDC example shape: grouped linkIds H1/T1/Q1…Q9, local answer codes (Not-at-all, Several-days …), total item ignored")
        void sdcExample() {
            QuestionnaireResponse form = form("sdc", "http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9");
            QuestionnaireResponse.QuestionnaireResponseItemComponent group = form.addItem().setLinkId("H1/T1");
            String[] codes = {"Not-at-all", "Not-at-all", "Not-at-all", "Several-days", "More than half the days",
                "Several-days", "Nearly every day", "More than half the days", "Several-days"};
            for (int i = 0; i < 9; i++) {
                group.addItem().setLinkId("H1/T1/Q" + (i + 1)).addAnswer().setValue(new Coding().setCode(codes[i]));
            }
            group.addItem().setLinkId("H1/TS").addAnswer().setValue(new Quantity().setValue(99));

            PromScore score = only(read(form));
            // 0+0+0+1+2+1+3+2+1: Flipside scores the answers; the form's own total item (99 here) is not trusted
            assertThat(score.score()).isEqualTo(10);
            assertThat(score.item("9")).isEqualTo(1);
        }

        @Test
        @DisplayName("Argonaut questionnaire linkIds g1.q1…g1.q9, known by the form's canonical")
        void argonaut() {
            QuestionnaireResponse form = form("arg", "http://fhir.org/guides/argonaut-questionnaire/Questionnaire/questionnaire-example-phq9");
            for (int i = 1; i <= 9; i++) {
                form.addItem().setLinkId("g1.q" + i).addAnswer().setValue(new Coding(LOINC, LA.get(i == 9 ? 3 : 0), null));
            }
            PromScore score = only(read(form));
            assertThat(score.score()).isEqualTo(3);
            assertThat(score.item("9")).isEqualTo(3);
        }

        @Test
        @DisplayName("any linkIds, mapped through a contained Questionnaire's item codes; answers valued by its answerOption ordinalValue")
        void containedQuestionnaire() {
            Questionnaire q = new Questionnaire();
            q.setId("q");
            q.addCode(new Coding(LOINC, "44249-1", null));
            QuestionnaireResponse form = form("c", "#q");
            form.addContained(q);
            for (int i = 0; i < 9; i++) {
                Questionnaire.QuestionnaireItemComponent qi = q.addItem().setLinkId("item" + i);
                qi.addCode(new Coding(LOINC, PHQ9.get(i), null));
                for (int v = 0; v < 4; v++) {
                    qi.addAnswerOption().setValue(new Coding("urn:local", "a" + v, null))
                            .addExtension(PromReader.ORDINAL_VALUE, new DecimalType(v));
                }
                form.addItem().setLinkId("item" + i).addAnswer().setValue(new Coding("urn:local", "a" + (i % 4), null));
            }
            PromScore score = only(read(form));
            assertThat(score.score()).isEqualTo(0 + 1 + 2 + 3 + 0 + 1 + 2 + 3 + 0);
        }

        @Test
        @DisplayName("answers as codings with the ordinalValue extension, and as valueInteger")
        void ordinalAndInteger() {
            QuestionnaireResponse form = form("o", "http://loinc.org/q/44249-1");
            for (int i = 0; i < 9; i++) {
                QuestionnaireResponse.QuestionnaireResponseItemComponent item = form.addItem().setLinkId("/" + PHQ9.get(i));
                if (i % 2 == 0) {
                    Coding coding = new Coding().setCode("local-" + i);
                    coding.addExtension(PromReader.ORDINAL_VALUE, new DecimalType(2));
                    item.addAnswer().setValue(coding);
                } else {
                    item.addAnswer().setValue(new IntegerType(1));
                }
            }
            assertThat(only(read(form)).score()).isEqualTo(5 * 2 + 4);
        }

        @Test
        @DisplayName("a submitted form with 6 of 9 answered is 'incomplete': never a total, no prorating; its answers are kept")
        void missingItems() {
            PromScore score = only(read(lhcPhq9("m", 1, 1, 2, 1, 0, 1, null, null, null)));
            assertThat(score.scale()).isEqualTo(PromReader.INCOMPLETE);
            assertThat(score.items()).hasSize(6);
            assertThat(score.item("9")).isEqualTo(-1);
        }

        @Test
        @DisplayName("an in-progress form with all 9 answered is not scored either; its item 9 is still read")
        void inProgress() {
            QuestionnaireResponse form = lhcPhq9("ip", 0, 0, 0, 0, 0, 0, 0, 0, 2);
            form.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
            PromScore score = only(read(form));
            assertThat(score.scale()).isEqualTo(PromReader.INCOMPLETE);
            assertThat(score.item("9")).isEqualTo(2);
        }

        @Test
        @DisplayName("an answer Flipside cannot value is unanswered, not guessed")
        void unknownAnswer() {
            QuestionnaireResponse form = lhcPhq9("u", 0, 0, 0, 0, 0, 0, 0, 0);
            form.addItem().setLinkId("/44260-8").addAnswer().setValue(new Coding("urn:x", "maybe", "Maybe"));
            assertThat(only(read(form)).scale()).isEqualTo(PromReader.INCOMPLETE);
        }

        @Test
        @DisplayName("who completed it: author Patient or RelatedPerson → remote; author Practitioner (source Patient) → in clinic; no author, source Patient → remote")
        void remote() {
            QuestionnaireResponse byCarer = lhcPhq9("a", 0, 0, 0, 0, 0, 0, 0, 0, 0);
            byCarer.setAuthor(new Reference("RelatedPerson/r1"));
            QuestionnaireResponse byStaff = lhcPhq9("b", 0, 0, 0, 0, 0, 0, 0, 0, 0);
            byStaff.setAuthor(new Reference("Practitioner/n1")).setSource(new Reference("Patient/p1"));
            QuestionnaireResponse sourceOnly = lhcPhq9("c", 0, 0, 0, 0, 0, 0, 0, 0, 0);
            sourceOnly.setAuthor(null).setSource(new Reference("Patient/p1"));
            sourceOnly.setAuthoredElement(new DateTimeType("2026-11-10T09:00:00-05:00"));
            byStaff.setAuthoredElement(new DateTimeType("2026-11-11T09:00:00-05:00"));

            List<PromScore> scores = read(byCarer, byStaff, sourceOnly);
            assertThat(scores).extracting(PromScore::remote).containsExactlyInAnyOrder(true, false, true);
            assertThat(scores.stream().filter(s -> s.completedAt().toString().startsWith("2026-11-11")).findFirst().orElseThrow().remote()).isFalse();
        }

        @Test
        @DisplayName("GAD-7 and PHQ-2 forms are scored too; undeclared PHQ items 1–2 alone are a PHQ-2")
        void gad7AndPhq2() {
            QuestionnaireResponse gad = form("g", "http://loinc.org/q/69737-5");
            for (String code : List.of("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")) {
                gad.addItem().setLinkId("/" + code).addAnswer().setValue(new Coding(LOINC, "LA6570-1", null));
            }
            QuestionnaireResponse phq2 = form("p2", null);
            phq2.setAuthoredElement(new DateTimeType("2026-11-12T09:00:00-05:00"));
            phq2.addItem().setLinkId("44250-9").addAnswer().setValue(new Coding(LOINC, "LA6571-9", null));
            phq2.addItem().setLinkId("44255-8").addAnswer().setValue(new Coding(LOINC, "LA6570-1", null));

            List<PromScore> scores = read(gad, phq2);
            assertThat(scores).extracting(PromScore::instrument, PromScore::scale, PromScore::score)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("GAD-7", "total", 14.0),
                            org.assertj.core.groups.Tuple.tuple("PHQ-2", "total", 5.0));
        }

        @Test
        @DisplayName("a form without an authored time cannot be placed in time: skipped and counted; entered-in-error is ignored")
        void unreadable() {
            QuestionnaireResponse noTime = lhcPhq9("n", 0, 0, 0, 0, 0, 0, 0, 0, 1);
            noTime.setAuthoredElement(null);
            QuestionnaireResponse error = lhcPhq9("e", 0, 0, 0, 0, 0, 0, 0, 0, 3);
            error.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR);

            PromReader.Read read = readAll(List.of(noTime, error));
            assertThat(read.scores()).isEmpty();
            assertThat(read.skipped()).isEqualTo(1);
        }
    }

    // ---- one administration, counted once ----------------------------------------------------------------------

    @Nested
    @DisplayName("one administration counts once")
    class Once {
        @Test
        @DisplayName("a score Observation derivedFrom the form: one PHQ-9, the recorded total, the form's items, time and author")
        void derivedFrom() {
            QuestionnaireResponse form = lhcPhq9("f", 2, 2, 1, 2, 1, 1, 1, 0, 2);
            Observation score = total("o", "44261-6", 12, "2026-11-18T09:20:00-05:00", "Practitioner/n1");
            score.addDerivedFrom(new Reference("QuestionnaireResponse/f"));

            PromScore once = only(read(score, form));
            assertThat(once.score()).isEqualTo(12);
            assertThat(once.item("9")).isEqualTo(2);
            assertThat(once.remote()).isTrue();
            assertThat(once.localTime()).isEqualTo(java.time.LocalDateTime.parse("2026-11-18T09:15"));
        }

        @Test
        @DisplayName("an unlinked score Observation in the same minute as the form is the same administration")
        void sameMinute() {
            Observation score = total("o", "44261-6", 12, "2026-11-18T09:15:40-05:00", "Patient/p1");
            assertThat(read(lhcPhq9("f", 2, 2, 1, 2, 1, 1, 1, 0, 2), score)).hasSize(1);
        }

        @Test
        @DisplayName("total and item 9 as separate Observations, linked by hasMember: one PHQ-9 with item 9; staff performer = in clinic")
        void hasMember() {
            Observation item9 = observation("i9", "44260-8", "2026-10-30T10:45:00-05:00");
            item9.setValue(new CodeableConcept(new Coding(LOINC, "LA6568-5", "Not at all")));
            item9.addPerformer(new Reference("Practitioner/n1"));
            Observation score = total("t", "44261-6", 8, "2026-10-30T10:46:00-05:00", "Practitioner/n1");
            score.addHasMember(new Reference("Observation/i9"));

            PromScore once = only(read(item9, score));
            assertThat(once.scale()).isEqualTo("total");
            assertThat(once.score()).isEqualTo(8);
            assertThat(once.item("9")).isZero();
            assertThat(once.remote()).isFalse();
        }

        @Test
        @DisplayName("a panel (44249-1) with nine item components is scored; an item-9 Observation alone keeps its answer as 'items'")
        void panelAndLoneItem() {
            Observation panel = observation("p", "44249-1", "2026-11-16T18:30:00-05:00");
            for (int i = 0; i < 9; i++) {
                panel.addComponent().setCode(new CodeableConcept(new Coding(LOINC, PHQ9.get(i), null)))
                        .setValue(new CodeableConcept(new Coding(LOINC, LA.get(i == 8 ? 1 : 2), null)));
            }
            Observation lone = observation("l", "44260-8", "2026-11-01T08:00:00-05:00");
            lone.setValue(new IntegerType(3));

            List<PromScore> scores = read(panel, lone);
            assertThat(scores).extracting(PromScore::scale, PromScore::score)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("total", 17.0),
                            org.assertj.core.groups.Tuple.tuple(PromReader.ITEMS, 3.0));
        }

        @Test
        @DisplayName("the same Observation in two prefetch keys is read once")
        void sameResourceTwice() {
            Observation score = total("o", "44261-6", 12, "2026-11-18T09:15:00-05:00", "Patient/p1");
            assertThat(read(score, score)).hasSize(1);
        }
    }

    // ---- score Observations ------------------------------------------------------------------------------------

    @Test
    @DisplayName("score codes: PROMIS-10 and PROMIS-29 T-scores, pain NRS, KCCQ-12 (readable as 'KCCQ-12' / 'overall summary')")
    void scoreCodes() {
        Map<String, String[]> expected = Map.of(
                "71971-6", new String[] {"PROMIS-10", "global physical health"},
                "71969-0", new String[] {"PROMIS-10", "global mental health"},
                "91721-1", new String[] {"PROMIS-29", "physical function"},
                "71967-4", new String[] {"PROMIS-29", "anxiety"},
                "77861-3", new String[] {"PROMIS-29", "depression"},
                "77865-4", new String[] {"PROMIS-29", "pain interference"},
                "72514-3", new String[] {"Pain NRS", "pain"},
                "86924-8", new String[] {"KCCQ-12", "overall summary"});
        List<Resource> observations = new ArrayList<>();
        expected.keySet().forEach(code -> observations.add(total("o-" + code, code, 50, "2026-11-18T09:15:00-05:00", "Patient/p1")));
        List<PromScore> scores = readAll(observations).scores();
        assertThat(scores).hasSize(expected.size());
        expected.forEach((code, scale) -> assertThat(scores).anyMatch(s -> s.is(scale[0], scale[1])));
    }

    @Test
    @DisplayName("ESAS-r items under Flipside's local codes (no LOINC exists), valueInteger; a score without a value is skipped and counted")
    void esasAndUnreadable() {
        Observation pain = new Observation();
        pain.setId("e1");
        pain.setCode(new CodeableConcept(new Coding(ObservationCodes.FLIPSIDE, "esas-r-pain", null)));
        pain.setEffective(new DateTimeType("2026-11-19T17:20:00-05:00"));
        pain.setValue(new IntegerType(8));
        Observation empty = observation("x", "70274-6", "2026-11-19T17:20:00-05:00");

        PromReader.Read read = readAll(List.of(pain, empty));
        assertThat(read.scores()).extracting(PromScore::instrument, PromScore::scale, PromScore::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ESAS-r", "pain", 8.0));
        assertThat(read.skipped()).isEqualTo(1);
    }

    @Test
    @DisplayName("the prefetch filter keeps item, panel and score codes (item 9 filed under vital-signs is not dropped)")
    void prefetchCodes() {
        assertThat(FactExtractor.observationCodes()).contains(LOINC + "|44260-8", LOINC + "|44249-1", LOINC + "|44261-6",
                LOINC + "|71967-4", ObservationCodes.FLIPSIDE + "|esas-r-pain");
    }
}

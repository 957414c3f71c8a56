package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Example patients for the PROMs topic (docs/clinical-sources.md, PROMs and across topics; examples/README.md edge
 * case 1): PHQ-9, PHQ-2, GAD-7, PROMIS,
 * pain NRS and ESAS-r as EHRs and patient portals file them — QuestionnaireResponses shaped like the LHC-Forms and
 * SDC PHQ-9 forms, score Observations derived from them, item Observations grouped under a total. All fictional.
 */
final class PromsExamples {
    static final String LOINC = PatientBuilder.LOINC;
    static final String PGHD = "https://flipside.health/fhir/CodeSystem/pghd";
    static final String NURSE = "Practitioner/flipside-demo-nurse";
    static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    /** PHQ-9 items 1–9 (LOINC), as the LHC-Forms PHQ-9 links them ("/44250-9"). */
    static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
            "44252-5", "44253-3", "44260-8");
    static final List<String> PHQ9_TEXTS = List.of("Little interest or pleasure in doing things?",
            "Feeling down, depressed, or hopeless?", "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy", "Poor appetite or overeating",
            "Feeling bad about yourself-or that you are a failure or have let yourself or your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed. Or the opposite-being so fidgety or restless that you have been moving around a lot more than usual",
            "Thoughts that you would be better off dead, or of hurting yourself in some way");
    static final List<String> GAD7_ITEMS = List.of("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8",
            "69736-7");
    /** LOINC answer list LL358-3: LA6568-5 Not at all … LA6571-9 Nearly every day. */
    static final List<String[]> ANSWERS = List.of(new String[] {"LA6568-5", "Not at all"},
            new String[] {"LA6569-3", "Several days"}, new String[] {"LA6570-1", "More than half the days"},
            new String[] {"LA6571-9", "Nearly every day"});
    /** The SDC IG example's local answer codes (CodeSystem CSPHQ9). */
    static final List<String> SDC_ANSWERS = List.of("Not-at-all", "Several-days", "More than half the days",
            "Nearly every day");

    static final List<ExamplePatients.Example> ALL = List.of(
            new ExamplePatients.Example("edge-1-phq9-item9",
                    "Edge case 1: PHQ-9 completed in the patient portal 2 days ago, item 9 'more than half the days', no risk assessment since",
                    PromsExamples::edge1),
            new ExamplePatients.Example("proms-item9-assessed",
                    "PHQ-9 item 9 'several days' 5 days ago (portal); a suicide risk assessment (C-SSRS) documented the next day",
                    PromsExamples::item9Assessed),
            new ExamplePatients.Example("proms-item9-older",
                    "PHQ-9 item 9 'several days' 30 days ago (app, score and item Observations), nothing documented since",
                    PromsExamples::item9Older),
            new ExamplePatients.Example("proms-item9-later-negative",
                    "PHQ-9 item 9 'more than half the days' 6 days ago (portal), a later PHQ-9 yesterday answered item 9 'not at all'; nothing documented",
                    PromsExamples::item9LaterNegative),
            new ExamplePatients.Example("proms-item9-cssrs-observation",
                    "PHQ-9 item 9 'several days' 4 days ago (portal); a C-SSRS screen filed yesterday as an Observation (LOINC 93374-7 suicide risk level)",
                    PromsExamples::item9CssrsObservation),
            new ExamplePatients.Example("proms-incomplete-item9-positive",
                    "PHQ-9 form left unfinished (in progress) yesterday with 4 items answered, item 9 'several days' among them",
                    PromsExamples::incompleteItem9Positive),
            new ExamplePatients.Example("proms-item9-in-clinic",
                    "PHQ-9 item 9 'nearly every day' filed by a nurse yesterday as a lone item Observation (no total), nothing documented since",
                    PromsExamples::item9InClinic),
            new ExamplePatients.Example("proms-incomplete-form",
                    "PHQ-9 form submitted 3 days ago with 6 of 9 items answered (item 9 not reached)",
                    PromsExamples::incompleteForm),
            new ExamplePatients.Example("proms-phq9-severe",
                    "PHQ-9 panel with 9 item components totalling 22 this week, 15 six weeks ago; item 9 'not at all'",
                    PromsExamples::phq9Severe),
            new ExamplePatients.Example("proms-phq9-improvement",
                    "PHQ-9 19 in clinic last month, 14 now (SDC-style form in the portal, score Observation derived from it)",
                    PromsExamples::phq9Improvement),
            new ExamplePatients.Example("proms-gad7-deterioration",
                    "GAD-7 6 five weeks ago, 13 now (LHC-Forms-style form, ordinalValue answers): reliable deterioration",
                    PromsExamples::gad7Deterioration),
            new ExamplePatients.Example("proms-gad7-change-below-rci",
                    "GAD-7 6 five weeks ago, 9 now (+3): under the MCID and the reliable-change threshold (both 4)",
                    PromsExamples::gad7BelowRci),
            new ExamplePatients.Example("proms-gad7-severe",
                    "GAD-7 16 in clinic 2 days ago, 14 a month earlier: severe range",
                    PromsExamples::gad7Severe),
            new ExamplePatients.Example("proms-phq2-positive",
                    "PHQ-2 total 4 from the portal 6 days ago, no PHQ-9 since",
                    PromsExamples::phq2Positive),
            new ExamplePatients.Example("proms-esas-severe",
                    "ESAS-r yesterday: pain 8, tiredness 7 (pain 5 ten days earlier); items under Flipside's local codes",
                    PromsExamples::esasSevere),
            new ExamplePatients.Example("proms-esas-worse",
                    "ESAS-r today: shortness of breath 6 (3 a week ago), nausea 2 (5 a week ago); nothing severe",
                    PromsExamples::esasWorse),
            new ExamplePatients.Example("proms-promis-severe",
                    "PROMIS-29 4 days ago: anxiety T 70.0 (severe boundary), physical function T 30.0 (not below 30), depression T 58",
                    PromsExamples::promisSevere),
            new ExamplePatients.Example("proms-pain-improvement",
                    "Pain NRS 8 three weeks ago, 5 today (3 points, 38%)",
                    PromsExamples::painImprovement));

    private PromsExamples() {
    }

    // ---- patients ------------------------------------------------------------------------------------------------

    static PatientBuilder edge1(Instant now) {
        PatientBuilder p = new PatientBuilder("edge-1", "Example", "Rowan", AdministrativeGender.FEMALE, 1988);
        p.questionnaireResponse(lhcPhq9("edge-1-phq9", daysBefore(now, 2, 9, 15), p.patientId(),
                new Integer[] {2, 2, 1, 2, 1, 1, 1, 0, 2}, true));
        return p;
    }

    /** Vignette 4's PHQ-9: done in clinic 3 weeks ago, 8 (mild), item 9 "not at all"; total and item 9 as Observations. */
    static void vignette4Phq9(PatientBuilder p, Instant now) {
        OffsetDateTime at = daysBefore(now, 21, 10, 45);
        Observation item9 = item(p, at, 8, 0, NURSE);
        Observation total = score(p, at, "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", 8, NURSE);
        total.addHasMember(new Reference("Observation/" + item9.getIdElement().getIdPart()));
    }

    static PatientBuilder item9Assessed(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-assessed", "Example", "Sage", AdministrativeGender.MALE, 1979);
        p.questionnaireResponse(lhcPhq9("proms-assessed-phq9", daysBefore(now, 5, 20, 40), p.patientId(),
                new Integer[] {1, 2, 1, 1, 0, 1, 1, 0, 1}, true));
        Procedure assessment = new Procedure();
        assessment.setId("proms-assessed-cssrs");
        assessment.setStatus(Procedure.ProcedureStatus.COMPLETED);
        assessment.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "225337009", "Suicide risk assessment"))
                .setText("Columbia Suicide Severity Rating Scale (C-SSRS) screen"));
        assessment.setPerformed(dateTime(daysBefore(now, 4, 11, 0)));
        assessment.addPerformer().setActor(new Reference(NURSE));
        p.procedure(assessment);
        return p;
    }

    static PatientBuilder item9Older(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-older", "Example", "Emery", AdministrativeGender.FEMALE, 1991);
        OffsetDateTime at = daysBefore(now, 30, 19, 5);
        Observation item9 = item(p, at, 8, 1, null);
        Observation total = score(p, at, "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", 11, null);
        total.addHasMember(new Reference("Observation/" + item9.getIdElement().getIdPart()));
        return p;
    }

    static PatientBuilder item9LaterNegative(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-later-negative", "Example", "Quinn", AdministrativeGender.FEMALE, 1986);
        p.questionnaireResponse(lhcPhq9("proms-later-negative-phq9-1", daysBefore(now, 6, 21, 10), p.patientId(),
                new Integer[] {2, 2, 1, 2, 1, 1, 1, 0, 2}, true));
        p.questionnaireResponse(lhcPhq9("proms-later-negative-phq9-2", daysBefore(now, 1, 8, 40), p.patientId(),
                new Integer[] {1, 1, 1, 1, 1, 1, 1, 0, 0}, true));
        return p;
    }

    /**
     * A C-SSRS screen recorded as its result, "Suicide risk level" (LOINC 93374-7, as the HL7 US Behavioral Health
     * Profiles IG's C-SSRS example answers it): a documented assessment (rules/common/clinical-context.yaml).
     */
    static PatientBuilder item9CssrsObservation(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-cssrs-observation", "Example", "Ellis", AdministrativeGender.MALE, 1972);
        p.questionnaireResponse(lhcPhq9("proms-cssrs-observation-phq9", daysBefore(now, 4, 18, 30), p.patientId(),
                new Integer[] {1, 1, 1, 1, 0, 1, 0, 0, 1}, true));
        Observation level = p.observation("survey", daysBefore(now, 1, 10, 15),
                new Coding(LOINC, "93374-7", "Suicide risk level"), null, null, null);
        level.setValue(new CodeableConcept(new Coding(LOINC, "LA9194-7", "Low")));
        level.getPerformer().clear();
        level.addPerformer(new Reference(NURSE));
        return p;
    }

    static PatientBuilder item9InClinic(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-clinic-item9", "Example", "Blake", AdministrativeGender.MALE, 1999);
        item(p, daysBefore(now, 1, 14, 20), 8, 3, NURSE);
        return p;
    }

    static PatientBuilder incompleteItem9Positive(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-partial-item9", "Example", "Hayden", AdministrativeGender.MALE, 1984);
        QuestionnaireResponse form = lhcPhq9("proms-partial-item9-phq9", daysBefore(now, 1, 22, 30), p.patientId(),
                new Integer[] {2, 2, null, null, null, 1, null, null, 1}, true);
        form.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        p.questionnaireResponse(form);
        return p;
    }

    static PatientBuilder incompleteForm(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-partial", "Example", "Kendall", AdministrativeGender.FEMALE, 1969);
        p.questionnaireResponse(lhcPhq9("proms-partial-phq9", daysBefore(now, 3, 8, 10), p.patientId(),
                new Integer[] {1, 1, 2, 1, 0, 1, null, null, null}, false));
        return p;
    }

    static PatientBuilder phq9Severe(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-phq9-severe", "Example", "Reese", AdministrativeGender.FEMALE, 1977);
        score(p, daysBefore(now, 42, 10, 0), "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", 15, NURSE);
        // The panel with its nine items as components (no total Observation): scored by Flipside, 22.
        Observation panel = p.observation("survey", daysBefore(now, 4, 18, 30),
                new Coding(LOINC, "44249-1", "PHQ-9 quick depression assessment panel [Reported.PHQ]"), null, null, null);
        int[] answers = {3, 3, 3, 3, 2, 3, 3, 2, 0};
        for (int i = 0; i < 9; i++) {
            panel.addComponent().setCode(new CodeableConcept(new Coding(LOINC, PHQ9_ITEMS.get(i), PHQ9_TEXTS.get(i))))
                    .setValue(answer(answers[i]));
        }
        return p;
    }

    static PatientBuilder phq9Improvement(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-improvement", "Example", "Marlowe", AdministrativeGender.MALE, 1963);
        score(p, daysBefore(now, 35, 9, 30), "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", 19, NURSE);
        OffsetDateTime at = daysBefore(now, 1, 19, 45);
        QuestionnaireResponse form = sdcPhq9("proms-improvement-phq9", at, p.patientId(), new int[] {2, 2, 2, 2, 1, 2, 2, 1, 0});
        p.questionnaireResponse(form);
        // The portal also files the total as an Observation derived from the form: one administration, counted once.
        Observation total = score(p, at, "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", 14, null);
        total.addDerivedFrom(new Reference("QuestionnaireResponse/proms-improvement-phq9"));
        return p;
    }

    static PatientBuilder gad7Deterioration(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-gad7", "Example", "Finley", AdministrativeGender.FEMALE, 1995);
        score(p, daysBefore(now, 35, 15, 0), "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", 6, NURSE);
        p.questionnaireResponse(lhcGad7("proms-gad7-form", daysBefore(now, 3, 21, 5), p.patientId(), new int[] {2, 2, 2, 2, 1, 2, 2}));
        return p;
    }

    static PatientBuilder gad7BelowRci(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-gad7-rci", "Example", "Lane", AdministrativeGender.MALE, 1986);
        score(p, daysBefore(now, 35, 15, 0), "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", 6, NURSE);
        p.questionnaireResponse(lhcGad7("proms-gad7-rci-form", daysBefore(now, 3, 21, 5), p.patientId(), new int[] {2, 1, 2, 1, 1, 1, 1}));
        return p;
    }

    static PatientBuilder gad7Severe(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-gad7-severe", "Example", "Jules", AdministrativeGender.FEMALE, 1990);
        score(p, daysBefore(now, 33, 11, 0), "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", 14, NURSE);
        score(p, daysBefore(now, 2, 11, 15), "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", 16, NURSE);
        return p;
    }

    static PatientBuilder phq2Positive(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-phq2", "Example", "Oakley", AdministrativeGender.FEMALE, 1958);
        score(p, daysBefore(now, 6, 7, 50), "55758-7", "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]", 4, null);
        return p;
    }

    static PatientBuilder esasSevere(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-esas", "Example", "Quincy", AdministrativeGender.MALE, 1950);
        severeEsas(p, now);
        return p;
    }

    /** ESAS-r 11 days ago and yesterday: pain 5 → 8, tiredness 6 → 7, the rest mild or moderate. */
    static void severeEsas(PatientBuilder p, Instant now) {
        String[] symptoms = {"pain", "tiredness", "drowsiness", "nausea", "lack-of-appetite", "shortness-of-breath",
            "depression", "anxiety", "wellbeing"};
        int[] earlier = {5, 6, 2, 1, 3, 2, 2, 3, 4};
        int[] latest = {8, 7, 3, 0, 3, 2, 2, 4, 5};
        for (int i = 0; i < symptoms.length; i++) {
            esas(p, daysBefore(now, 11, 10, 0), symptoms[i], earlier[i]);
            esas(p, daysBefore(now, 1, 17, 20), symptoms[i], latest[i]);
        }
    }

    static PatientBuilder esasWorse(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-esas-worse", "Example", "Robin", AdministrativeGender.FEMALE, 1947);
        String[] symptoms = {"pain", "shortness-of-breath", "nausea", "tiredness"};
        int[] earlier = {3, 3, 5, 4};
        int[] latest = {3, 6, 2, 4};
        for (int i = 0; i < symptoms.length; i++) {
            esas(p, daysBefore(now, 7, 9, 0), symptoms[i], earlier[i]);
            esas(p, daysBefore(now, 0, 6, 0), symptoms[i], latest[i]);
        }
        return p;
    }

    static PatientBuilder promisSevere(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-promis", "Example", "Arden", AdministrativeGender.FEMALE, 1972);
        OffsetDateTime at = daysBefore(now, 4, 16, 0);
        score(p, at, "71967-4", "PROMIS-29 Anxiety score T-score", 70.0, null);
        score(p, at, "91721-1", "PROMIS physical function - version 2.0 T-score", 30.0, null);
        score(p, at, "77861-3", "PROMIS emotional distress - depression - version 1.0 T-score", 58.0, null);
        return p;
    }

    static PatientBuilder painImprovement(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-pain", "Example", "Teagan", AdministrativeGender.MALE, 1980);
        score(p, daysBefore(now, 21, 9, 0), "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", 8, NURSE);
        score(p, daysBefore(now, 0, 6, 30), "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", 5, null);
        return p;
    }

    // ---- FHIR shapes ---------------------------------------------------------------------------------------------

    /**
     * A PHQ-9 form as LHC-Forms saves it: linkIds are the LOINC item codes ("/44260-8"), answers are LOINC answer
     * codings, the total an item of its own. {@code null} leaves an item unanswered. Completed by the patient in the
     * portal (author and source the patient).
     */
    static QuestionnaireResponse lhcPhq9(String id, OffsetDateTime at, String patientId, Integer[] answers, boolean withTotal) {
        QuestionnaireResponse form = form(id, at, patientId, "http://loinc.org/q/44249-1");
        int total = 0;
        boolean complete = true;
        for (int i = 0; i < 9; i++) {
            QuestionnaireResponse.QuestionnaireResponseItemComponent item = form.addItem()
                    .setLinkId("/" + PHQ9_ITEMS.get(i)).setText(PHQ9_TEXTS.get(i));
            if (answers[i] == null) {
                complete = false;
                continue;
            }
            String[] answer = ANSWERS.get(answers[i]);
            item.addAnswer().setValue(new Coding(LOINC, answer[0], answer[1]));
            total += answers[i];
        }
        if (withTotal && complete) {
            form.addItem().setLinkId("/44261-6").setText("Patient health questionnaire 9 item total score")
                    .addAnswer().setValue(new DecimalType(total));
        }
        return form;
    }

    /** A PHQ-9 form as the SDC IG example shapes it: "H1/T1/Q1"… in a group, local answer codes, no item codes. */
    static QuestionnaireResponse sdcPhq9(String id, OffsetDateTime at, String patientId, int[] answers) {
        QuestionnaireResponse form = form(id, at, patientId,
                "http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9");
        QuestionnaireResponse.QuestionnaireResponseItemComponent group = form.addItem().setLinkId("H1/T1")
                .setText("Over the last two weeks, how often have you been bothered by any of the following problems?");
        int total = 0;
        for (int i = 0; i < 9; i++) {
            group.addItem().setLinkId("H1/T1/Q" + (i + 1)).setText(PHQ9_TEXTS.get(i)).addAnswer()
                    .setValue(new Coding().setCode(SDC_ANSWERS.get(answers[i])).setDisplay(ANSWERS.get(answers[i])[1]));
            total += answers[i];
        }
        group.addItem().setLinkId("H1/TS").setText("Patient health questionnaire 9 item total score").addAnswer()
                .setValue(new org.hl7.fhir.r4.model.Quantity().setValue(total).setUnit("{score}"));
        return form;
    }

    /** A GAD-7 form, LHC-Forms linkIds, answers as codings carrying the ordinalValue extension (no system). */
    static QuestionnaireResponse lhcGad7(String id, OffsetDateTime at, String patientId, int[] answers) {
        QuestionnaireResponse form = form(id, at, patientId, "http://loinc.org/q/69737-5");
        for (int i = 0; i < answers.length; i++) {
            Coding coding = new Coding().setCode(ANSWERS.get(answers[i])[0]).setDisplay(ANSWERS.get(answers[i])[1]);
            coding.addExtension(ORDINAL_VALUE, new DecimalType(answers[i]));
            form.addItem().setLinkId("/" + GAD7_ITEMS.get(i)).addAnswer().setValue(coding);
        }
        return form;
    }

    private static QuestionnaireResponse form(String id, OffsetDateTime at, String patientId, String questionnaire) {
        QuestionnaireResponse form = new QuestionnaireResponse();
        form.setId(id);
        form.setQuestionnaire(questionnaire);
        form.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        form.setAuthoredElement(dateTime(at));
        form.setAuthor(new Reference("Patient/" + patientId));
        form.setSource(new Reference("Patient/" + patientId));
        return form;
    }

    /** A score Observation (category survey, UCUM {score}); {@code performer} null: completed by the patient. */
    static Observation score(PatientBuilder p, OffsetDateTime at, String loinc, String display, double value, String performer) {
        Observation o = p.observation("survey", at, new Coding(LOINC, loinc, display), value, "{score}", null);
        if (performer != null) {
            o.getPerformer().clear();
            o.addPerformer(new Reference(performer));
        }
        return o;
    }

    /** A PHQ-9 item Observation with a LOINC answer coding, as US Core screening assessments file them. */
    static Observation item(PatientBuilder p, OffsetDateTime at, int index, int value, String performer) {
        Observation o = p.observation("survey", at, new Coding(LOINC, PHQ9_ITEMS.get(index), PHQ9_TEXTS.get(index)), null, null, null);
        o.setValue(answer(value));
        if (performer != null) {
            o.getPerformer().clear();
            o.addPerformer(new Reference(performer));
        }
        return o;
    }

    static CodeableConcept answer(int value) {
        return new CodeableConcept(new Coding(LOINC, ANSWERS.get(value)[0], ANSWERS.get(value)[1])).setText(ANSWERS.get(value)[1]);
    }

    /** One ESAS-r item: no LOINC code exists, so Flipside's local code system carries it (docs/clinical-sources.md,
     * PROMs). */
    static void esas(PatientBuilder p, OffsetDateTime at, String symptom, int value) {
        Observation o = p.observation("survey", at, new Coding(PGHD, "esas-r-" + symptom, "ESAS-r " + symptom.replace('-', ' ')),
                null, null, null);
        o.setValue(new org.hl7.fhir.r4.model.IntegerType(value));
    }

    static DateTimeType dateTime(OffsetDateTime at) {
        return new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(at.getOffset()));
    }
}

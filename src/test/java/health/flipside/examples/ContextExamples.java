package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Procedure;

/**
 * The patient context (issue 9) at work: children out of scope, a missing birth date, severe-range BP in pregnancy and
 * postpartum (ACOG 767), CGM targets for older adults and in pregnancy, SpO2 with COPD and against the patient's own
 * baseline, a watch's night-time dips, ESAS-r in palliative care, and an ECG or AF diagnosis after a rhythm
 * notification. Codes as {@code rules/common/clinical-context.yaml} names them. All fictional.
 */
final class ContextExamples {
    static final String LOINC = PatientBuilder.LOINC;
    static final String SNOMED = "http://snomed.info/sct";
    private static final Coding SPO2 = new Coding(LOINC, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry");
    private static final Coding PREGNANCY_STATUS = new Coding(LOINC, "82810-3", "Pregnancy status");

    static final List<ExamplePatients.Example> ALL = List.of(
            new ExamplePatients.Example("context-child",
                    "A 15-year-old with a validated home reading of 186/122: children are out of scope, no card at all",
                    ContextExamples::child),
            new ExamplePatients.Example("context-no-birth-date",
                    "No birth date on the record and a validated home reading of 186/122: not taken for a child, the severe reading is critical",
                    ContextExamples::noBirthDate),
            new ExamplePatients.Example("context-postpartum-severe-bp",
                    "Delivered 3 weeks ago (delivery Procedure); clinic-issued cuff reads 165/112, then 162/108 five minutes later: ACOG severe range, confirmed, critical",
                    ContextExamples::postpartumSevere),
            new ExamplePatients.Example("context-pregnant-typed-in-bp",
                    "Pregnancy status 'pregnant' a month ago; a typed-in 158/111 yesterday: severe range, unverified, warning",
                    ContextExamples::pregnantTypedIn),
            new ExamplePatients.Example("context-delivery-10-weeks",
                    "Delivered 10 weeks ago (past the 6 postpartum weeks); a validated 165/112 among 4 readings: adult rules only",
                    ContextExamples::deliveryTenWeeks),
            new ExamplePatients.Example("context-older-adult-cgm",
                    "72 years old, vendor CGM report: TBR <70 2.0%, <54 0.4%, TIR 62%: above the older-adult limit of 1% below 70",
                    ContextExamples::olderAdultCgm),
            new ExamplePatients.Example("context-pregnant-cgm-raw",
                    "Pregnant (antenatal EpisodeOfCare), type 1 diabetes, 14 days of raw CGM readings swinging 95–175 mg/dL: judged against 63–140",
                    ContextExamples::pregnantCgmRaw),
            new ExamplePatients.Example("context-pregnant-cgm-vendor",
                    "Pregnant (Condition), a vendor CGM report cut at 70–180: not judged against pregnancy targets, the card says why",
                    ContextExamples::pregnantCgmVendor),
            new ExamplePatients.Example("context-copd-spo2-low",
                    "COPD, validated fingertip oximeter 86% and 84% on 2 days (90% otherwise): below the 88–92% target, warning",
                    ContextExamples::copdLow),
            new ExamplePatients.Example("context-spo2-drop-from-baseline",
                    "COPD, fingertip SpO2 usually 92% for 6 weeks, now 88% on 3 days: inside 88–92% but 4 below the patient's own usual, warning",
                    ContextExamples::dropFromBaseline),
            new ExamplePatients.Example("context-watch-night-dips",
                    "A healthy 35-year-old's watch: nightly SpO2 minima mostly 95–97%, dips to 92–94% on some nights: nothing is said",
                    ContextExamples::watchNightDips),
            new ExamplePatients.Example("context-palliative-esas",
                    "Hospice EpisodeOfCare; ESAS-r yesterday pain 8, tiredness 7: one info line for goals of care, no warning",
                    ContextExamples::palliativeEsas),
            new ExamplePatients.Example("context-irn-normal-ecg",
                    "One irregular-rhythm notification 30 days ago, a 12-lead ECG report coded normal 10 days ago: info, ECG done",
                    ContextExamples::irnNormalEcg),
            new ExamplePatients.Example("context-irn-ecg-before",
                    "A normal ECG 40 days ago, then an irregular-rhythm notification 20 days ago: still unconfirmed, warning",
                    ContextExamples::irnEcgBefore),
            new ExamplePatients.Example("context-irn-af-diagnosed",
                    "An irregular-rhythm notification 30 days ago, atrial fibrillation diagnosed 10 days ago: the known-AF line",
                    ContextExamples::irnAfDiagnosed),
            new ExamplePatients.Example("context-steps-older-adult",
                    "68 years old, about 6,500 steps a day: in the range where benefit levels off at 60 and over (it would not be under 60)",
                    ContextExamples::stepsOlderAdult),
            new ExamplePatients.Example("proms-promis-worse-5",
                    "PROMIS-29 anxiety T 55 a month ago, 60 now (+5, the MCID): a reliable worsening with the measure's reliability",
                    ContextExamples::promisWorseFive));

    private ContextExamples() {
    }

    private static String clinicCuff(PatientBuilder p, String id) {
        return p.device(id, "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
    }

    private static String validatedOximeter(PatientBuilder p, String id) {
        return p.device(id, "Nonin_Medical_Inc.", "Model 3230", null, false);
    }

    static PatientBuilder child(Instant now) {
        PatientBuilder p = new PatientBuilder("context-child", "Example", "Robin", AdministrativeGender.FEMALE, 2011);
        p.birthDate(now.atOffset(ZoneOffset.UTC).toLocalDate().minusYears(15).minusDays(40));
        return normalThenSevere(p, now);
    }

    static PatientBuilder noBirthDate(Instant now) {
        PatientBuilder p = new PatientBuilder("context-no-birth-date", "Example", "Ari", AdministrativeGender.UNKNOWN, 1970);
        p.birthDate(null);
        return normalThenSevere(p, now);
    }

    /** A clinic-issued cuff: three normal mornings, then 186/122 last night. */
    private static PatientBuilder normalThenSevere(PatientBuilder p, Instant now) {
        String cuff = clinicCuff(p, p.patientId() + "-cuff");
        for (int day = 4; day >= 2; day--) {
            p.home(daysBefore(now, day, 7, 0), 124, 74, "mm[Hg]", cuff);
        }
        p.home(daysBefore(now, 1, 20, 0), 186, 122, "mm[Hg]", cuff);
        return p;
    }

    static PatientBuilder postpartumSevere(Instant now) {
        PatientBuilder p = new PatientBuilder("context-postpartum", "Example", "Alex", AdministrativeGender.FEMALE, 1993);
        deliveredThenSevere(p, now, 21, 162, 108);
        p.home(daysBefore(now, 4, 8, 0), 128, 82, "mm[Hg]", "Device/context-postpartum-cuff");
        return p;
    }

    /**
     * A delivery {@code daysAgo} (delivery Procedure), a clinic-issued cuff with normal mornings, then 165/112 last
     * night and a second reading ({@code systolic2}/{@code diastolic2}) five minutes later.
     */
    private static void deliveredThenSevere(PatientBuilder p, Instant now, int daysAgo, double systolic2, double diastolic2) {
        Procedure delivery = new Procedure();
        delivery.setId(p.patientId() + "-delivery");
        delivery.setStatus(Procedure.ProcedureStatus.COMPLETED);
        delivery.setCode(new CodeableConcept(new Coding(SNOMED, "236973005", "Delivery procedure")).setText("Delivery"));
        delivery.setPerformed(new DateTimeType(Date.from(daysBefore(now, daysAgo, 3, 10).toInstant())));
        p.procedure(delivery);
        String cuff = clinicCuff(p, p.patientId() + "-cuff");
        for (int day = 3; day >= 2; day--) {
            p.home(daysBefore(now, day, 8, 0), 128, 82, "mm[Hg]", cuff);
        }
        p.home(daysBefore(now, 1, 21, 30), 165, 112, "mm[Hg]", cuff);
        p.home(daysBefore(now, 1, 21, 35), systolic2, diastolic2, "mm[Hg]", cuff);
    }

    static PatientBuilder pregnantTypedIn(Instant now) {
        PatientBuilder p = new PatientBuilder("context-pregnant-bp", "Example", "Sam", AdministrativeGender.FEMALE, 1990);
        p.socialHistory(daysBefore(now, 30, 10, 0), PREGNANCY_STATUS)
                .setValue(new CodeableConcept(new Coding(LOINC, "LA15173-0", "Pregnant")).setText("Pregnant"));
        p.home(daysBefore(now, 1, 19, 0), 158, 111, "mm[Hg]", null);
        return p;
    }

    static PatientBuilder deliveryTenWeeks(Instant now) {
        PatientBuilder p = new PatientBuilder("context-delivery-10w", "Example", "Jo", AdministrativeGender.FEMALE, 1991);
        deliveredThenSevere(p, now, 70, 150, 100);
        return p;
    }

    static PatientBuilder olderAdultCgm(Instant now) {
        PatientBuilder p = new PatientBuilder("context-older-cgm", "Example", "Pat", AdministrativeGender.MALE, 1954);
        String sensor = p.device("context-older-cgm-sensor", "Dexcom", "G7", null, false);
        GlucoseExamples.report(p, now, sensor, 14, 92, new double[] {0.4, 1.6, 62, 29, 7}, 33, 7.3);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("44054006", "Diabetes mellitus type 2");
        return p;
    }

    static PatientBuilder pregnantCgmRaw(Instant now) {
        PatientBuilder p = new PatientBuilder("context-pregnant-cgm", "Example", "Lee", AdministrativeGender.FEMALE, 1994);
        p.episodeOfCare("424525001", "Antenatal care", daysBefore(now, 120, 9, 0));
        String sensor = p.device("context-pregnant-cgm-sensor", "Dexcom", "G7", null, false);
        // a daily swing between about 95 and 175 mg/dL: mostly in 70–180, but a third of the day above 140
        GlucoseExamples.sensorReadings(p, now, sensor, 135, 40, 4, 11);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return p;
    }

    static PatientBuilder pregnantCgmVendor(Instant now) {
        PatientBuilder p = new PatientBuilder("context-pregnant-report", "Example", "Kim", AdministrativeGender.FEMALE, 1992);
        p.condition("77386006", "Pregnant");
        String sensor = p.device("context-pregnant-report-sensor", "Dexcom", "G7", null, false);
        GlucoseExamples.report(p, now, sensor, 14, 95, new double[] {0.2, 1.8, 81, 15, 2}, 30, 6.4);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return p;
    }

    static PatientBuilder copdLow(Instant now) {
        PatientBuilder p = new PatientBuilder("context-copd-low", "Example", "Dana", AdministrativeGender.FEMALE, 1952);
        p.condition("13645005", "Chronic obstructive lung disease");
        String oximeter = validatedOximeter(p, "context-copd-low-oximeter");
        double[] values = {90, 86, 90, 84, 89};
        for (int i = 0; i < values.length; i++) {
            p.observation("vital-signs", daysBefore(now, 5 - i, 9, 0), SPO2, values[i], "%", oximeter);
        }
        return p;
    }

    static PatientBuilder dropFromBaseline(Instant now) {
        PatientBuilder p = new PatientBuilder("context-spo2-drop", "Example", "Chris", AdministrativeGender.MALE, 1955);
        p.condition("13645005", "Chronic obstructive lung disease");
        String oximeter = validatedOximeter(p, "context-spo2-drop-oximeter");
        for (int day = 56; day >= 16; day -= 3) {
            p.observation("vital-signs", daysBefore(now, day, 9, 0), SPO2, 92.0, "%", oximeter);
        }
        for (int day = 5; day >= 1; day -= 2) {
            p.observation("vital-signs", daysBefore(now, day, 9, 0), SPO2, 88.0, "%", oximeter);
        }
        return p;
    }

    static PatientBuilder watchNightDips(Instant now) {
        PatientBuilder p = new PatientBuilder("context-watch-dips", "Example", "Jordan", AdministrativeGender.MALE, 1991);
        String watch = WearableExamples.watch(p, "context-watch-dips-watch");
        double[] minima = {96, 94, 97, 95, 92, 96, 96, 93, 97, 95, 96, 94, 95, 97};
        for (int i = 0; i < minima.length; i++) {
            p.observation("vital-signs", daysBefore(now, minima.length - i, 4, 0), SPO2, minima[i], "%", watch);
        }
        return p;
    }

    static PatientBuilder palliativeEsas(Instant now) {
        PatientBuilder p = new PatientBuilder("context-palliative", "Example", "Morgan", AdministrativeGender.MALE, 1948);
        p.episodeOfCare("385763009", "Hospice care", daysBefore(now, 40, 9, 0));
        PromsExamples.severeEsas(p, now);
        return p;
    }

    static PatientBuilder irnNormalEcg(Instant now) {
        PatientBuilder p = new PatientBuilder("context-irn-ecg", "Example", "Rowan", AdministrativeGender.FEMALE, 1970);
        String watch = WearableExamples.watch(p, "context-irn-ecg-watch");
        WearableExamples.irn(p, now, 30, watch);
        p.ecgReport(daysBefore(now, 10, 11, 0), new Coding(SNOMED, "164854000", "Electrocardiogram normal"));
        p.condition("38341003", "Hypertensive disorder");
        return p;
    }

    static PatientBuilder irnEcgBefore(Instant now) {
        PatientBuilder p = new PatientBuilder("context-irn-ecg-before", "Example", "Drew", AdministrativeGender.MALE, 1968);
        String watch = WearableExamples.watch(p, "context-irn-ecg-before-watch");
        p.ecgReport(daysBefore(now, 40, 11, 0), new Coding(SNOMED, "164854000", "Electrocardiogram normal"));
        WearableExamples.irn(p, now, 20, watch);
        p.condition("38341003", "Hypertensive disorder");
        return p;
    }

    static PatientBuilder stepsOlderAdult(Instant now) {
        PatientBuilder p = new PatientBuilder("context-steps-older", "Example", "Lou", AdministrativeGender.MALE, 1958);
        String tracker = p.device("context-steps-older-tracker", "Fitbit", "Sense 2", null, true);
        for (int day = 7; day >= 1; day--) {
            p.observation("activity", daysBefore(now, day, 23, 50), new Coding(LOINC, "41950-7",
                    "Number of steps in 24 hour Measured"), 6300.0 + day * 60, "/d", tracker);
        }
        return p;
    }

    static PatientBuilder promisWorseFive(Instant now) {
        PatientBuilder p = new PatientBuilder("proms-promis-worse", "Example", "Noor", AdministrativeGender.FEMALE, 1979);
        PromsExamples.score(p, daysBefore(now, 30, 10, 0), "71967-4", "PROMIS-29 Anxiety score T-score", 55.0, null);
        PromsExamples.score(p, daysBefore(now, 2, 10, 0), "71967-4", "PROMIS-29 Anxiety score T-score", 60.0, null);
        return p;
    }

    static PatientBuilder irnAfDiagnosed(Instant now) {
        PatientBuilder p = new PatientBuilder("context-irn-af", "Example", "Casey", AdministrativeGender.FEMALE, 1962);
        String watch = WearableExamples.watch(p, "context-irn-af-watch");
        WearableExamples.irn(p, now, 30, watch);
        p.conditionSince("49436004", "Atrial fibrillation", daysBefore(now, 10, 9, 0));
        return p;
    }
}

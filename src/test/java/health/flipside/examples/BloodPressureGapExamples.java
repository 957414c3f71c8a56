package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Blood-pressure example patients of issue 14 point 3 (the clinical safety net): heart-failure drugs alone are not
 * treated hypertension, low BP on several drugs, symptomatic lows, an old office mean. All fictional.
 */
final class BloodPressureGapExamples {
    private BloodPressureGapExamples() {
    }

    /** Two morning and two evening readings on each of the last {@code days} days, cycling through the values. */
    private static void protocol(PatientBuilder p, Instant now, String cuff, int days, int[] systolic, int[] diastolic) {
        int reading = 0;
        for (int day = days; day >= 1; day--) {
            for (int[] time : new int[][] {{7, 0}, {7, 2}, {21, 0}, {21, 2}}) {
                p.home(daysBefore(now, day, time[0], time[1]), systolic[reading % systolic.length],
                        diastolic[reading % diastolic.length], "mm[Hg]", cuff);
                reading++;
            }
        }
    }

    static PatientBuilder heartFailureDrugsOnly(Instant now) {
        PatientBuilder p = new PatientBuilder("bp-hf-drugs", "Example", "Dana", AdministrativeGender.FEMALE, 1949);
        String cuff = p.device("bp-hf-drugs-cuff", "A&D Medical", "UA-651BLE", null, false);
        protocol(p, now, cuff, 10, new int[] {140, 144, 141, 143}, new int[] {87, 89, 88, 88});
        p.office(daysBefore(now, 30, 10, 0), 146, 90);
        p.office(daysBefore(now, 10, 10, 0), 144, 88);
        p.medication("313988", "furosemide 40 MG Oral Tablet");
        p.medication("313096", "spironolactone 25 MG Oral Tablet");
        p.condition("84114007", "Heart failure");
        return p;
    }

    static PatientBuilder lowOnThreeDrugs(Instant now) {
        PatientBuilder p = new PatientBuilder("bp-low-three", "Example", "Lee", AdministrativeGender.MALE, 1944);
        String cuff = p.device("bp-low-three-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        protocol(p, now, cuff, 7, new int[] {86, 88, 84, 87}, new int[] {56, 57, 54, 57});
        p.office(daysBefore(now, 40, 10, 0), 124, 74);
        p.medication("308135", "amlodipine 10 MG Oral Tablet");
        p.medication("314077", "lisinopril 20 MG Oral Tablet");
        p.medication("310798", "hydrochlorothiazide 25 MG Oral Tablet");
        p.condition("38341003", "Hypertensive disorder");
        return p;
    }

    static PatientBuilder symptomaticLow(Instant now) {
        PatientBuilder p = new PatientBuilder("bp-symptomatic-low", "Example", "Jo", AdministrativeGender.FEMALE, 1951);
        String cuff = p.device("bp-symptomatic-low-cuff", "A&D Medical", "UA-651BLE", null, false);
        protocol(p, now, cuff, 10, new int[] {118, 120, 116, 119}, new int[] {72, 74, 70, 73});
        p.home(daysBefore(now, 2, 8, 10), 84, 52, "mm[Hg]", cuff);
        p.observation("survey", daysBefore(now, 2, 9, 0), new Coding("http://snomed.info/sct", "404640003", "Dizziness"),
                null, null, null);
        p.office(daysBefore(now, 25, 10, 0), 122, 76);
        // a fixed-dose combination counts each of its ingredients: amlodipine, valsartan, chlorthalidone = 3 drugs
        p.medication("722126", "amlodipine 5 MG / valsartan 160 MG Oral Tablet");
        p.medication("197499", "chlorthalidone 25 MG Oral Tablet");
        p.condition("38341003", "Hypertensive disorder");
        return p;
    }

    static PatientBuilder lowOnOneDrug(Instant now) {
        PatientBuilder p = new PatientBuilder("bp-low-one", "Example", "Max", AdministrativeGender.MALE, 1990);
        String cuff = p.device("bp-low-one-cuff", "A&D Medical", "UA-651BLE", null, false);
        protocol(p, now, cuff, 5, new int[] {96, 92, 94, 95}, new int[] {58, 57, 59, 58});
        p.office(daysBefore(now, 20, 10, 0), 118, 72);
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        return p;
    }

    static PatientBuilder officeDated(Instant now) {
        PatientBuilder p = new PatientBuilder("bp-office-dated", "Example", "Ari", AdministrativeGender.MALE, 1963);
        String cuff = p.device("bp-office-dated-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        protocol(p, now, cuff, 10, new int[] {140, 144, 141, 143}, new int[] {87, 89, 88, 88});
        p.office(daysBefore(now, 230, 10, 0), 144, 90);
        p.office(daysBefore(now, 190, 10, 0), 146, 92);
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        p.condition("38341003", "Hypertensive disorder");
        return p;
    }
}

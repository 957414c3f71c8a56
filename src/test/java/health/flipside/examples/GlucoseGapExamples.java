package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;

/**
 * Glucose example patients of issue 14 point 3 (the clinical safety net): level 2 hyperglycaemia on CGM, sustained
 * high meter readings with home ketones, and level 2 events from raw readings that need 15 consecutive minutes. All
 * fictional.
 */
final class GlucoseGapExamples {
    private static final String LOINC = PatientBuilder.LOINC;

    private GlucoseGapExamples() {
    }

    private static PatientBuilder type1OnInsulin(PatientBuilder p) {
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.medication("865098", "insulin lispro 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return p;
    }

    static PatientBuilder level2Hyperglycaemia(Instant now) {
        PatientBuilder p = type1OnInsulin(new PatientBuilder("glucose-level2-hyper", "Example", "Kai", AdministrativeGender.MALE, 1997));
        String sensor = p.device("glucose-level2-hyper-cgm", "Dexcom", "G7", null, false);
        GlucoseExamples.report(p, now, 1, sensor, 14, 91, new double[] {0.3, 1.2, 58, 31, 9.5}, 34, 7.9);
        return p;
    }

    static PatientBuilder ketonesType1(Instant now) {
        PatientBuilder p = type1OnInsulin(new PatientBuilder("glucose-ketones-t1", "Example", "Robin", AdministrativeGender.FEMALE, 2001));
        String meter = p.device("glucose-ketones-t1-meter", "Roche Diabetes Care", "Accu-Chek Guide", null, false);
        double[] morning = {152, 171, 148, 186, 177, 169, 190};
        double[] evening = {210, 265, 240, 288, 301, 276, 342};
        for (int day = 7; day >= 1; day--) {
            p.observation("laboratory", daysBefore(now, day, 7, 30), meterCode(), morning[7 - day], "mg/dL", meter);
            p.observation("laboratory", daysBefore(now, day, 21, 0), meterCode(), evening[7 - day], "mg/dL", meter);
        }
        // Typed into the app from a ketone meter the app does not connect to: self-reported.
        p.observation("laboratory", daysBefore(now, 1, 21, 30), new Coding(LOINC, "53060-9",
                "3-Hydroxybutyrate [Moles/volume] in Blood"), 2.1, "mmol/L", null);
        return p;
    }

    static PatientBuilder urineKetonesType2(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-urine-ketones", "Example", "Alex", AdministrativeGender.MALE, 1969);
        String meter = p.device("glucose-urine-ketones-meter", "Roche Diabetes Care", "Accu-Chek Guide", null, false);
        p.observation("laboratory", daysBefore(now, 1, 8, 0), meterCode(), 168.0, "mg/dL", meter);
        Observation strip = p.observation("laboratory", daysBefore(now, 1, 8, 10), new Coding(LOINC, "2514-8",
                "Ketones [Presence] in Urine by Test strip"), null, null, null);
        strip.setValue(new CodeableConcept().setText("Moderate"));
        p.medication("860975", "metformin hydrochloride 500 MG Oral Tablet");
        p.medication("1545658", "empagliflozin 10 MG Oral Tablet");
        p.condition("44054006", "Diabetes mellitus type 2");
        return p;
    }

    static PatientBuilder rawCgmBriefDips(Instant now) {
        PatientBuilder p = type1OnInsulin(new PatientBuilder("glucose-brief-dips", "Example", "Noa", AdministrativeGender.FEMALE, 1988));
        String sensor = p.device("glucose-brief-dips-cgm", "Dexcom", "G7", null, false);
        OffsetDateTime start = daysBefore(now, 14, 12, 0).plusMinutes(15);
        for (int i = 0; i < 14 * 96; i++) {
            OffsetDateTime at = start.plusMinutes(15L * i);
            double mgdl = Math.round(135 + 35 * Math.sin(i * 2 * Math.PI / 96));
            if (at.getHour() == 3 && at.getMinute() == 0 && (at.getDayOfMonth() % 4 == 1)) {
                mgdl = 50; // a single low value: a compression low, not an event
            }
            if (at.toLocalDate().equals(daysBefore(now, 4, 0, 0).toLocalDate()) && at.getHour() == 2 && at.getMinute() <= 30) {
                mgdl = 49 + at.getMinute() / 15; // 49, 50, 51 mg/dL from 02:00 to 02:30: a level 2 event
            }
            p.observation("laboratory", at, new Coding(LOINC, "99504-3", "Glucose [Mass/volume] in Interstitial fluid"),
                    mgdl, "mg/dL", sensor);
        }
        return p;
    }

    static PatientBuilder datedReport(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-dated-report", "Example", "Sky", AdministrativeGender.MALE, 1980);
        String sensor = p.device("glucose-dated-report-cgm", "Dexcom", "G7", null, false);
        GlucoseExamples.report(p, now, 20, sensor, 14, 95, new double[] {0.4, 1.6, 80, 15, 3}, 30, 6.9);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        return p;
    }

    private static Coding meterCode() {
        return new Coding(LOINC, "41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer");
    }
}

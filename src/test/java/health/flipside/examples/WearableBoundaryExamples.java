package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.util.List;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Boundary and eligibility cases for the wearables and activity topics (docs/clinical-sources.md, wearables, activity
 * and sleep): which
 * SpO2 source may carry a threshold, what "≥2 readings on different days" means at the edges, and that sleep and
 * activity above their targets, or typed in, never become more than an info line. All fictional.
 */
final class WearableBoundaryExamples {
    static final String LOINC = PatientBuilder.LOINC;
    private static final Coding SPO2 = new Coding(LOINC, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry");
    private static final Coding SLEEP = new Coding(LOINC, "93832-4", "Sleep duration");
    private static final Coding STEPS = new Coding(LOINC, "41950-7", "Number of steps in 24 hour Measured");
    private static final Coding EXERCISE = new Coding(LOINC, "55411-3", "Exercise duration");

    static final List<ExamplePatients.Example> ALL = List.of(
            new ExamplePatients.Example("wearables-unlisted-oximeter",
                    "A fingertip oximeter that is not on the validated list reads 90% and 89% on 2 days: trend-only info, no warning",
                    WearableBoundaryExamples::unlistedOximeter),
            new ExamplePatients.Example("wearables-fingertip-at-94",
                    "A validated fingertip oximeter reads 93% on 2 days and exactly 94% on another, no chronic lung disease: warning (below the 94–98% target)",
                    WearableBoundaryExamples::fingertipAt94),
            new ExamplePatients.Example("wearables-fingertip-same-day",
                    "A validated fingertip oximeter reads 91% and 90% on the same day, normal on other days: one day, no warning",
                    WearableBoundaryExamples::fingertipSameDay),
            new ExamplePatients.Example("activity-good-sleep",
                    "A Fitbit: sleep about 7.5 h a night (in minutes), about 7,000 steps and 30 active minutes a day: nothing to say",
                    WearableBoundaryExamples::goodSleep),
            new ExamplePatients.Example("activity-sleep-typed-in",
                    "Sleep typed in by the patient (no device) on 6 nights, about 5.5 h: info, labelled self-reported",
                    WearableBoundaryExamples::sleepTypedIn));

    private WearableBoundaryExamples() {
    }

    /** The oximeter of the HL7 PHD examples, as listed in rules/provenance/devices.yaml: Tier B. */
    private static String validatedOximeter(PatientBuilder p, String id) {
        return p.device(id, "Nonin_Medical_Inc.", "Model 3230", null, false);
    }

    static PatientBuilder unlistedOximeter(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-unlisted-ox", "Example", "Quinn", AdministrativeGender.FEMALE, 1963);
        String oximeter = p.device("wearables-unlisted-oximeter", "Generic Health", "FS20C", null, null);
        double[] values = {96, 90, 95, 89};
        for (int i = 0; i < values.length; i++) {
            p.observation("vital-signs", daysBefore(now, 4 - i, 9, 0), SPO2, values[i], "%", oximeter);
        }
        return p;
    }

    static PatientBuilder fingertipAt94(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-at-94", "Example", "Sam", AdministrativeGender.MALE, 1958);
        String oximeter = validatedOximeter(p, "wearables-at-94-oximeter");
        double[] values = {93, 95, 94, 93};
        for (int i = 0; i < values.length; i++) {
            p.observation("vital-signs", daysBefore(now, 4 - i, 9, 0), SPO2, values[i], "%", oximeter);
        }
        return p;
    }

    static PatientBuilder fingertipSameDay(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-same-day", "Example", "Alex", AdministrativeGender.FEMALE, 1967);
        String oximeter = validatedOximeter(p, "wearables-same-day-oximeter");
        p.observation("vital-signs", daysBefore(now, 4, 9, 0), SPO2, 96.0, "%", oximeter);
        p.observation("vital-signs", daysBefore(now, 3, 8, 0), SPO2, 91.0, "%", oximeter);
        p.observation("vital-signs", daysBefore(now, 3, 20, 0), SPO2, 90.0, "%", oximeter);
        p.observation("vital-signs", daysBefore(now, 2, 9, 0), SPO2, 96.0, "%", oximeter);
        p.observation("vital-signs", daysBefore(now, 1, 9, 0), SPO2, 97.0, "%", oximeter);
        return p;
    }

    static PatientBuilder goodSleep(Instant now) {
        PatientBuilder p = new PatientBuilder("activity-good", "Example", "Rowan", AdministrativeGender.MALE, 1980);
        String tracker = p.device("activity-good-tracker", "Fitbit", "Sense 2", null, true);
        for (int day = 7; day >= 1; day--) {
            p.observation("activity", daysBefore(now, day, 6, 45), SLEEP, 440.0 + day * 3, "min", tracker);
            p.observation("activity", daysBefore(now, day, 23, 50), STEPS, 6800.0 + day * 60, "/d", tracker);
            p.observation("activity", daysBefore(now, day, 18, 0), EXERCISE, 30.0, "min", tracker);
        }
        return p;
    }

    static PatientBuilder sleepTypedIn(Instant now) {
        PatientBuilder p = new PatientBuilder("activity-typed", "Example", "Jamie", AdministrativeGender.FEMALE, 1990);
        double[] hours = {5.5, 6, 5, 5.5, 6, 5.5};
        for (int i = 0; i < hours.length; i++) {
            p.observation("activity", daysBefore(now, 6 - i, 8, 0), SLEEP, hours[i], "h", null);
        }
        return p;
    }
}

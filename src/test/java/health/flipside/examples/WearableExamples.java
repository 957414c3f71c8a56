package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Example patients for the wearables and activity topics (docs/clinical-sources.md, wearables, activity and sleep;
 * examples/README.md vignette 2 and edge case
 * 4): a smartwatch's irregular-rhythm notifications (Flipside's own code: no standard one exists), nightly SpO2
 * minima, resting heart rate, steps and sleep, as a phone aggregator files them (category activity or vital-signs);
 * a fingertip oximeter like the Nonin of the HL7 PHD examples. All fictional.
 */
final class WearableExamples {
    static final String LOINC = PatientBuilder.LOINC;
    static final String PGHD = "https://flipside.health/fhir/CodeSystem/pghd";

    static final List<ExamplePatients.Example> ALL = List.of(
            new ExamplePatients.Example("vignette-2-smartwatch-irn",
                    "Clinical vignette 2: 8 months of smartwatch data, 2 irregular-rhythm notifications (3 and 7 weeks ago), no AF diagnosis, watch SpO2 minima 88–91%, sleep 5.9 h, RHR ~61, ~9,200 steps, some typed-in entries",
                    WearableExamples::vignette2),
            new ExamplePatients.Example("edge-4-fingertip-spo2",
                    "Edge case 4: a validated fingertip oximeter reads 91% and 90% on 2 days, no chronic lung disease",
                    WearableExamples::fingertipLow),
            new ExamplePatients.Example("wearables-irn-known-af",
                    "One irregular-rhythm notification in a patient with atrial fibrillation on the problem list",
                    WearableExamples::knownAf),
            new ExamplePatients.Example("wearables-fingertip-copd",
                    "Fingertip SpO2 89–90% on 3 days in a patient with COPD: inside the 88–92% target (BTS 2017), no warning",
                    WearableExamples::copd),
            new ExamplePatients.Example("wearables-fingertip-single-low",
                    "One fingertip reading of 91% among normal ones: no warning",
                    WearableExamples::singleLow),
            new ExamplePatients.Example("wearables-rhr-rise",
                    "Resting heart rate ~72 this week against a usual ~61 over the 4 weeks before",
                    WearableExamples::rhrRise),
            new ExamplePatients.Example("wearables-rhr-plus-10",
                    "Resting heart rate 71 this week against a usual 61: exactly +10 bpm, the boundary that is surfaced",
                    WearableExamples::rhrPlusTen),
            new ExamplePatients.Example("wearables-rhr-short-baseline",
                    "Resting heart rate 75 this week but only 14 nights of baseline before it (21 needed): nothing is said",
                    WearableExamples::rhrShortBaseline),
            new ExamplePatients.Example("wearables-watch-spo2-only",
                    "Only a smartwatch's nightly SpO2 minima of 89–93%, no fingertip oximeter: info with the accuracy caveat, never a warning",
                    WearableExamples::watchSpo2Only),
            new ExamplePatients.Example("activity-low-movement",
                    "About 3,000 steps a day and about 50 active minutes a week, sleep 7.5 h: encouragement, no warning",
                    WearableExamples::lowMovement),
            new ExamplePatients.Example("activity-few-days",
                    "Steps on 2 days and sleep on 3 nights only: below every gate, nothing is said",
                    WearableExamples::fewDays));

    private WearableExamples() {
    }

    static String watch(PatientBuilder p, String id) {
        return p.device(id, "Apple", "Watch Series 9", null, true);
    }

    static void irn(PatientBuilder p, Instant now, int daysAgo, String watch) {
        p.observation("activity", daysBefore(now, daysAgo, 2, 40), new Coding(PGHD, "irregular-rhythm-notification",
                "Irregular rhythm notification (wearable)"), null, null, watch);
    }

    static PatientBuilder vignette2(Instant now) {
        PatientBuilder p = new PatientBuilder("vignette-2", "Example", "Jordan", AdministrativeGender.FEMALE, 1982);
        String watch = watch(p, "vignette-2-watch");
        Random random = new Random(2);
        for (int day = 240; day >= 1; day--) { // 8 months
            p.observation("activity", daysBefore(now, day, 23, 50), new Coding(LOINC, "41950-7", "Number of steps in 24 hour Measured"),
                    (double) (8600 + random.nextInt(1200)), "/d", watch);
            p.observation("activity", daysBefore(now, day, 7, 0), new Coding(LOINC, "93832-4", "Sleep duration"),
                    (double) (330 + random.nextInt(48)), "min", watch);
            p.observation("activity", daysBefore(now, day, 7, 0), new Coding(LOINC, "40443-4", "Heart rate --resting"),
                    (double) (59 + random.nextInt(5)), "/min", watch);
            if (day <= 30) {
                p.observation("vital-signs", daysBefore(now, day, 4, 0), new Coding(LOINC, "59408-5",
                        "Oxygen saturation in Arterial blood by Pulse oximetry"), (double) (88 + random.nextInt(4)), "%", watch);
            }
        }
        irn(p, now, 49, watch);
        irn(p, now, 21, watch);
        // A spreadsheet of typed-in entries (Tier D): counted as data, never used above info. The last five rows
        // are the same nights the watch measured: the watch's value stands, the two are never added up.
        for (int day = 60; day >= 50; day -= 5) {
            p.observation("activity", daysBefore(now, day, 20, 0), new Coding(LOINC, "93832-4", "Sleep duration"), 6.0, "h", null);
        }
        for (int day = 5; day >= 1; day--) {
            p.observation("activity", daysBefore(now, day, 21, 0), new Coding(LOINC, "93832-4", "Sleep duration"), 7.0, "h", null);
        }
        return p;
    }

    static PatientBuilder fingertipLow(Instant now) {
        PatientBuilder p = new PatientBuilder("edge-4", "Example", "Morgan", AdministrativeGender.MALE, 1961);
        String oximeter = p.device("edge-4-oximeter", "Nonin_Medical_Inc.", "Model 3230", null, false);
        double[] values = {96, 95, 91, 96, 90};
        for (int i = 0; i < values.length; i++) {
            p.observation("vital-signs", daysBefore(now, 5 - i, 9, 0), new Coding(LOINC, "59408-5",
                    "Oxygen saturation in Arterial blood by Pulse oximetry"), values[i], "%", oximeter);
        }
        return p;
    }

    static PatientBuilder knownAf(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-af", "Example", "Elliot", AdministrativeGender.MALE, 1955);
        irn(p, now, 10, watch(p, "wearables-af-watch"));
        p.condition("49436004", "Atrial fibrillation");
        return p;
    }

    static PatientBuilder copd(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-copd", "Example", "Dana", AdministrativeGender.FEMALE, 1950);
        String oximeter = p.device("wearables-copd-oximeter", "Nonin_Medical_Inc.", "Model 3230", null, false);
        for (int day = 3; day >= 1; day--) {
            p.observation("vital-signs", daysBefore(now, day, 9, 0), new Coding(LOINC, "59408-5",
                    "Oxygen saturation in Arterial blood by Pulse oximetry"), 89.0 + day % 2, "%", oximeter);
        }
        p.condition("13645005", "Chronic obstructive lung disease");
        return p;
    }

    static PatientBuilder singleLow(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-single-low", "Example", "Noel", AdministrativeGender.MALE, 1970);
        String oximeter = p.device("wearables-single-oximeter", "Nonin_Medical_Inc.", "Model 3230", null, false);
        double[] values = {97, 91, 96, 97};
        for (int i = 0; i < values.length; i++) {
            p.observation("vital-signs", daysBefore(now, 4 - i, 9, 0), new Coding(LOINC, "59408-5",
                    "Oxygen saturation in Arterial blood by Pulse oximetry"), values[i], "%", oximeter);
        }
        return p;
    }

    static PatientBuilder rhrRise(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-rhr", "Example", "Sky", AdministrativeGender.FEMALE, 1988);
        String watch = watch(p, "wearables-rhr-watch");
        for (int day = 34; day >= 0; day--) {
            p.observation("activity", daysBefore(now, day, 7, 0), new Coding(LOINC, "40443-4", "Heart rate --resting"),
                    (day < 7 ? 71.0 : 60.0) + day % 3, "/min", watch);
        }
        return p;
    }

    /** Rise of exactly the threshold: constant nightly values so the medians are 71 and 61. */
    static PatientBuilder rhrPlusTen(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-rhr10", "Example", "Robin", AdministrativeGender.MALE, 1975);
        String watch = watch(p, "wearables-rhr10-watch");
        for (int day = 34; day >= 0; day--) {
            p.observation("activity", daysBefore(now, day, 7, 0), new Coding(LOINC, "40443-4", "Heart rate --resting"),
                    day < 7 ? 71.0 : 61.0, "/min", watch);
        }
        return p;
    }

    /** A new watch: 7 recent nights but only 14 baseline nights, below the 21-night gate. */
    static PatientBuilder rhrShortBaseline(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-rhr-short", "Example", "Ari", AdministrativeGender.FEMALE, 1992);
        String watch = watch(p, "wearables-rhr-short-watch");
        for (int day = 20; day >= 0; day--) {
            p.observation("activity", daysBefore(now, day, 7, 0), new Coding(LOINC, "40443-4", "Heart rate --resting"),
                    day < 7 ? 75.0 : 60.0, "/min", watch);
        }
        return p;
    }

    /** Nightly watch SpO2 minima only (reflectance, Tier C): trend-only, whatever the values. */
    static PatientBuilder watchSpo2Only(Instant now) {
        PatientBuilder p = new PatientBuilder("wearables-watch-spo2", "Example", "Kai", AdministrativeGender.MALE, 1966);
        String watch = watch(p, "wearables-watch-spo2-watch");
        for (int day = 20; day >= 1; day--) {
            p.observation("vital-signs", daysBefore(now, day, 4, 0), new Coding(LOINC, "59408-5",
                    "Oxygen saturation in Arterial blood by Pulse oximetry"), 89.0 + day % 5, "%", watch);
        }
        return p;
    }

    static PatientBuilder lowMovement(Instant now) {
        PatientBuilder p = new PatientBuilder("activity-low", "Example", "Pat", AdministrativeGender.MALE, 1958);
        String watch = watch(p, "activity-low-watch");
        for (int day = 7; day >= 1; day--) {
            p.observation("activity", daysBefore(now, day, 23, 50), new Coding(LOINC, "41950-7", "Number of steps in 24 hour Measured"),
                    2800.0 + day * 50, "/d", watch);
            p.observation("activity", daysBefore(now, day, 18, 0), new Coding(LOINC, "55411-3", "Exercise duration"),
                    day % 2 == 0 ? 10.0 : 5.0, "min", watch);
            p.observation("activity", daysBefore(now, day, 7, 0), new Coding(LOINC, "93832-4", "Sleep duration"),
                    7.5, "h", watch);
        }
        return p;
    }

    static PatientBuilder fewDays(Instant now) {
        PatientBuilder p = new PatientBuilder("activity-few", "Example", "Lee", AdministrativeGender.FEMALE, 1979);
        String watch = watch(p, "activity-few-watch");
        for (int day = 2; day >= 1; day--) {
            p.observation("activity", daysBefore(now, day, 23, 50), new Coding(LOINC, "41950-7", "Number of steps in 24 hour Measured"),
                    1500.0, "/d", watch);
        }
        for (int day = 3; day >= 1; day--) {
            p.observation("activity", daysBefore(now, day, 7, 0), new Coding(LOINC, "93832-4", "Sleep duration"), 4.5, "h", watch);
        }
        return p;
    }
}

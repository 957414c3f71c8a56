package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient-generated layer the demo lays over Synthea's patients (dev/synthea): weeks to months of home readings,
 * wearable data and questionnaires that reference a Synthea patient, shaped exactly as the bundled examples are
 * (PatientBuilder and the topic example classes: the HL7 PHD, CGM and SDC shapes Flipside's readers accept), with
 * measurement noise and missed days, dated relative to {@code now}, and the same for the same seed.
 *
 * <p>Each patient gets one clinical {@link Picture}, so a small population shows a variety of cards, and devices of
 * every tier across the population: clinic-issued (A), listed (B), regulated but unlisted (B), consumer wearables and
 * cuffless BP (C), typed-in readings (D). A picture brings the diagnosis and drugs it needs (a Condition and a
 * MedicationRequest of this layer): Synthea's own record rarely has them for a random person. All data is invented.
 */
public final class SyntheaPghd {
    /** The Synthea patient the layer is for: only what the layer needs from Synthea's Patient resource. */
    public record Person(String id, String given, String family, AdministrativeGender gender, LocalDate birthDate) {
    }

    /** What a patient's home data shows; the cards the demo should show for it are in SyntheaPghdTest. */
    public enum Picture {
        UNCONTROLLED_HOME_BP("treated hypertension, clinic-issued cuff averaging above target over 4 weeks; cuffless "
                + "bracelet and typed-in readings beside it"),
        CGM_LOWS("type 1 diabetes on insulin, 14 days of raw CGM readings with night-time lows, a listed meter"),
        HF_WEIGHT_GAIN("heart failure on furosemide, clinic scale: weight up over the last days, KCCQ-12 down"),
        DEPRESSION_RISING("PHQ-9 forms over 3 months rising into the moderately severe range, GAD-7 up, "
                + "a tracker's sleep getting shorter"),
        REGULATED_CUFF_HOME_BP("home BP above target from a regulated cuff not on the clinic's list, a smartwatch "
                + "whose resting heart rate rose this week");

        private final String description;

        Picture(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final String LOINC = PatientBuilder.LOINC;
    private static final Coding STEPS = new Coding(LOINC, "41950-7", "Number of steps in 24 hour Measured");
    private static final Coding SLEEP = new Coding(LOINC, "93832-4", "Sleep duration");
    private static final Coding RESTING_HR = new Coding(LOINC, "40443-4", "Heart rate --resting");
    private static final Coding WEIGHT = new Coding(LOINC, "29463-7", "Body weight");
    private static final Coding CGM = new Coding(LOINC, "99504-3", "Glucose [Mass/volume] in Interstitial fluid");
    private static final Coding METER = new Coding(LOINC, "41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer");

    private SyntheaPghd() {
    }

    /** The picture of the {@code index}-th patient (in the order of their ids): every picture before any repeats. */
    public static Picture pictureFor(int index, long seed) {
        Picture[] all = Picture.values();
        return all[(int) Math.floorMod(index + seed, (long) all.length)];
    }

    /** The layer for one person: the same person, picture, seed and now give the same resources. */
    static PatientBuilder layer(Person person, Picture picture, long seed, Instant now) {
        PatientBuilder p = new PatientBuilder(person.id(), person.family(), person.given(), person.gender(),
                person.birthDate().getYear());
        p.birthDate(person.birthDate());
        Random random = new Random(seed * 31 + person.id().hashCode());
        switch (picture) {
            case UNCONTROLLED_HOME_BP -> uncontrolledHomeBp(p, random, now);
            case CGM_LOWS -> cgmLows(p, random, now);
            case HF_WEIGHT_GAIN -> hfWeightGain(p, random, now);
            case DEPRESSION_RISING -> depressionRising(p, random, now);
            case REGULATED_CUFF_HOME_BP -> regulatedCuffHomeBp(p, random, now);
        }
        return p;
    }

    /** The layer as a bundled example, made for whatever time the example is sent at (tests in other packages). */
    public static ExamplePatients.Example example(Person person, Picture picture, long seed) {
        return new ExamplePatients.Example("synthea-" + picture.name().toLowerCase(java.util.Locale.ROOT), picture.description(),
                now -> layer(person, picture, seed, now));
    }

    /**
     * The layer's resources for a FHIR server that already has the person's Synthea record: everything but the Patient
     * (Synthea's stays), with the demo clinic that owns the clinic-issued devices.
     */
    static List<Resource> resources(PatientBuilder layer) {
        return layer.allResources().stream().filter(r -> !(r instanceof org.hl7.fhir.r4.model.Patient)).toList();
    }

    // ---- pictures --------------------------------------------------------------------------------------------------

    private static void uncontrolledHomeBp(PatientBuilder p, Random random, Instant now) {
        p.condition("59621000", "Essential hypertension");
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        String cuff = p.device(p.patientId() + "-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        homeBp(p, random, now, cuff, 27, 147, 92);
        String bracelet = p.device(p.patientId() + "-bracelet", "Aktiia", "Bracelet", null, true);
        for (int day = 20; day >= 1; day--) {
            if (random.nextDouble() < 0.15) {
                continue; // not worn that day
            }
            p.home(daysBefore(now, day, 13, random.nextInt(60)), noisy(random, 139, 7), noisy(random, 86, 5), "mm[Hg]", bracelet);
        }
        for (int day : new int[] {24, 17, 9, 3}) { // typed into the portal from a pharmacy machine
            p.home(daysBefore(now, day, 16, 30), noisy(random, 150, 6), noisy(random, 94, 4), "mm[Hg]", null);
        }
        scale(p, random, now, p.device(p.patientId() + "-scale", "Withings", "Body+", null, true), 88, 0.4, 28, 0.0);
    }

    private static void regulatedCuffHomeBp(PatientBuilder p, Random random, Instant now) {
        String cuff = p.phdDevice(p.patientId() + "-cuff", "Acme Health", "BP-1", SafetyNetExamples.PHD_BPM,
                "Blood Pressure Cuff", false, PatientBuilder.Delivery.INCLUDED);
        homeBp(p, random, now, cuff, 14, 142, 90);
        String watch = WearableExamples.watch(p, p.patientId() + "-watch");
        for (int day = 40; day >= 0; day--) {
            if (random.nextDouble() < 0.1) {
                continue; // charging overnight
            }
            double resting = (day < 7 ? 72 : 61) + random.nextGaussian() * 1.5;
            p.observation("activity", daysBefore(now, day, 7, 0), RESTING_HR, (double) Math.round(resting), "/min", watch);
            if (day > 0) {
                p.observation("activity", daysBefore(now, day, 23, 50), STEPS, (double) Math.round(7800 + random.nextGaussian() * 1500), "/d", watch);
            }
        }
    }

    private static void cgmLows(PatientBuilder p, Random random, Instant now) {
        p.condition("46635009", "Diabetes mellitus type 1");
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.medication("865098", "insulin lispro 100 UNT/ML Injectable Solution");
        String sensor = p.device(p.patientId() + "-cgm", "Dexcom", "G7", null, false);
        OffsetDateTime start = daysBefore(now, 14, 12, 0).plusMinutes(15);
        double drift = 0;
        for (int i = 0; i < 14 * 96; i++) {
            OffsetDateTime at = start.plusMinutes(15L * i);
            if (i % 96 == 40 && random.nextDouble() < 0.3) {
                i += 8; // a two-hour signal loss
                continue;
            }
            drift = 0.8 * drift + random.nextGaussian() * 9; // slow sensor noise, not independent jitter
            double mgdl = 150 + 55 * Math.sin(i * 2 * Math.PI / 96) + drift;
            int hour = at.getHour();
            if (hour >= 2 && hour < 5 && at.getDayOfMonth() % 3 != 0) {
                // nocturnal lows down to about 61 mg/dL: level 1, rarely a value below 54
                mgdl = 69 - 8 * Math.sin((hour - 2 + at.getMinute() / 60.0) * Math.PI / 3) + random.nextGaussian() * 2.5;
            }
            p.observation("laboratory", at, CGM, (double) Math.max(40, Math.round(mgdl)), "mg/dL", sensor);
        }
        String meter = p.device(p.patientId() + "-meter", "Roche Diabetes Care", "Accu-Chek Guide", null, false);
        for (int day = 14; day >= 1; day--) {
            if (random.nextDouble() < 0.2) {
                continue;
            }
            // a morning check before breakfast: the lows of this picture are the sensor's, at night
            p.observation("laboratory", daysBefore(now, day, 7, 30), METER, Math.max(82, noisy(random, 132, 22)), "mg/dL", meter);
        }
    }

    private static void hfWeightGain(PatientBuilder p, Random random, Instant now) {
        p.condition("84114007", "Heart failure");
        p.medication("310429", "furosemide 40 MG Oral Tablet");
        String scale = p.device(p.patientId() + "-scale", "A&D Medical", "UC-352BLE", PatientBuilder.CLINIC, false);
        scale(p, random, now, scale, 82, 0.25, 30, 3.2);
        HeartFailureExamples.kccq(p, now, 29, 71);
        HeartFailureExamples.kccq(p, now, 1, 52);
        String tracker = p.device(p.patientId() + "-tracker", "Fitbit", "Sense 2", null, true);
        for (int day = 21; day >= 1; day--) {
            double steps = (day <= 5 ? 2600 : 4200) + random.nextGaussian() * 600;
            p.observation("activity", daysBefore(now, day, 23, 50), STEPS, (double) Math.round(steps), "/d", tracker);
        }
    }

    private static void depressionRising(PatientBuilder p, Random random, Instant now) {
        // every 2-4 weeks for 3 months: 5, 6, 8, 9, then 16 this week (7 up on the form 3 weeks before), item 9 always 0
        int[][] phq9 = {{1, 1, 1, 1, 0, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 0, 0, 0}, {1, 1, 1, 2, 1, 1, 1, 0, 0},
                {1, 2, 1, 2, 1, 1, 1, 0, 0}, {2, 2, 2, 3, 2, 2, 2, 1, 0}};
        int[] daysAgo = {84, 56, 35, 21, 2};
        for (int i = 0; i < phq9.length; i++) {
            Integer[] answers = java.util.Arrays.stream(phq9[i]).boxed().toArray(Integer[]::new);
            p.questionnaireResponse(PromsExamples.lhcPhq9(p.patientId() + "-phq9-" + i,
                    daysBefore(now, daysAgo[i] - random.nextInt(2), 19, random.nextInt(50)), p.patientId(), answers, true));
        }
        p.questionnaireResponse(PromsExamples.lhcGad7(p.patientId() + "-gad7-0", daysBefore(now, 43, 19, 20), p.patientId(),
                new int[] {1, 1, 0, 1, 0, 1, 1}));
        p.questionnaireResponse(PromsExamples.lhcGad7(p.patientId() + "-gad7-1", daysBefore(now, 2, 19, 25), p.patientId(),
                new int[] {2, 2, 2, 2, 1, 2, 2}));
        String tracker = p.device(p.patientId() + "-tracker", "Fitbit", "Sense 2", null, true);
        int missed = 1 + random.nextInt(7); // one night of the last week not worn; before it, about one in seven
        for (int day = 28; day >= 1; day--) {
            if (day == missed || day > 7 && random.nextDouble() < 0.15) {
                continue;
            }
            double sleep = 430 - (28 - day) * 3.5 + random.nextGaussian() * 25; // about 7 h down to under 6 h
            p.observation("activity", daysBefore(now, day, 6, 45), SLEEP, (double) Math.round(sleep), "min", tracker);
            p.observation("activity", daysBefore(now, day, 23, 50), STEPS, (double) Math.round(5200 + random.nextGaussian() * 1100), "/d", tracker);
        }
    }

    // ---- shared shapes ---------------------------------------------------------------------------------------------

    /**
     * The AHA home protocol (two readings morning and evening) on most of the last {@code days} days around
     * {@code systolic}/{@code diastolic}: day-to-day and reading-to-reading noise, the evening pair sometimes missed,
     * about one day in eight missed altogether.
     */
    private static void homeBp(PatientBuilder p, Random random, Instant now, String cuff, int days, double systolic, double diastolic) {
        for (int day = days; day >= 1; day--) {
            if (random.nextDouble() < 0.12) {
                continue;
            }
            double daySys = systolic + random.nextGaussian() * 5;
            double dayDia = diastolic + random.nextGaussian() * 3;
            boolean evening = random.nextDouble() > 0.2;
            for (int[] time : evening ? new int[][] {{7, 0}, {7, 2}, {21, 0}, {21, 2}} : new int[][] {{7, 0}, {7, 2}}) {
                int minute = time[1] + random.nextInt(15);
                p.home(daysBefore(now, day, time[0], minute), noisy(random, daySys, 4), noisy(random, dayDia, 3), "mm[Hg]", cuff);
            }
        }
    }

    /** Morning weights for {@code days} days, gaining {@code gainKg} over the last three; a morning missed now and then. */
    private static void scale(PatientBuilder p, Random random, Instant now, String scale, double kg, double noise, int days, double gainKg) {
        for (int day = days; day >= 0; day--) {
            boolean recent = day <= 3;
            if (!recent && random.nextDouble() < 0.15) {
                continue;
            }
            double value = kg + random.nextGaussian() * noise + (recent ? gainKg * (4 - day) / 4.0 : 0);
            p.observation("vital-signs", daysBefore(now, day, 6, 30 + random.nextInt(20)), WEIGHT,
                    Math.round(value * 10) / 10.0, "kg", scale);
        }
    }

    private static double noisy(Random random, double mean, double sd) {
        return Math.round(mean + random.nextGaussian() * sd);
    }
}

package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Example patients for the glucose topic (docs/clinical-sources.md, glucose and CGM; examples/README.md vignette 3 and
 * edge case 5): vendor CGM
 * reports shaped like the HL7 CGM IG (one Observation per metric over the report period, the times-in-ranges panel
 * with its five components, category laboratory), raw sensor readings, meter readings in mg/dL and
 * mmol/L, a patient-reported severe event. All fictional.
 */
final class GlucoseExamples {
    static final String LOINC = PatientBuilder.LOINC;
    static final String UCUM = PatientBuilder.UCUM;
    static final String PGHD = "https://flipside.health/fhir/CodeSystem/pghd";

    static final List<ExamplePatients.Example> ALL = List.of(
            new ExamplePatients.Example("vignette-3-cgm-hypoglycaemia",
                    "Clinical vignette 3: T1D on insulin, vendor CGM report 14 days / 93% active, TIR 74%, TBR<70 5.5%, TBR<54 1.6%, CV 39%",
                    GlucoseExamples::vignette3),
            new ExamplePatients.Example("edge-5-cgm-insufficient-wear",
                    "Edge case 5: vendor CGM report over 9 days with the sensor active 60% of the time",
                    GlucoseExamples::insufficientWear),
            new ExamplePatients.Example("glucose-raw-cgm-computed",
                    "14 days of raw sensor readings every 15 minutes, no vendor report: Flipside computes the consensus metrics",
                    GlucoseExamples::rawCgm),
            new ExamplePatients.Example("glucose-level3-reported",
                    "A severe (level 3) hypoglycaemia event reported in the app 2 days ago by a patient on insulin",
                    GlucoseExamples::level3Reported),
            new ExamplePatients.Example("glucose-meter-level2-on-insulin",
                    "Meter readings in mmol/L below 3.0 (54 mg/dL) on 2 of the last 7 days, patient on insulin",
                    GlucoseExamples::level2OnInsulin),
            new ExamplePatients.Example("glucose-typed-in-lows-on-insulin",
                    "The same lows below 54 mg/dL on 2 days on insulin, typed into the portal with no meter: reported as low readings (info), never a same-day item",
                    GlucoseExamples::typedInLowsOnInsulin),
            new ExamplePatients.Example("glucose-meter-low-mmol",
                    "One meter reading of 3.6 mmol/L (65 mg/dL) in a patient on metformin only: reported, not alarmed",
                    GlucoseExamples::meterLowMmol),
            new ExamplePatients.Example("glucose-cgm-at-target",
                    "Vendor CGM report meeting every consensus target: TIR 82%, TBR<70 2%, TBR<54 0.3%, CV 31%",
                    GlucoseExamples::atTarget),
            new ExamplePatients.Example("glucose-consumer-report",
                    "A CGM report with excess time below range from a sensor not on the device list: capped at info",
                    GlucoseExamples::consumerReport),
            new ExamplePatients.Example("glucose-level2-hyperglycaemia",
                    "T1D on insulin, vendor CGM report: 9.5% of the time above 250 mg/dL, TIR 58%, no excess lows, no ketones reported",
                    GlucoseGapExamples::level2Hyperglycaemia),
            new ExamplePatients.Example("glucose-ketones-type1",
                    "T1D on insulin: meter above 250 mg/dL on 5 of 7 evenings, blood ketones 2.1 mmol/L typed in beside a 342 mg/dL reading",
                    GlucoseGapExamples::ketonesType1),
            new ExamplePatients.Example("glucose-urine-ketones-type2",
                    "T2D on metformin and empagliflozin: a moderate urine ketone strip typed in, glucose 168 mg/dL",
                    GlucoseGapExamples::urineKetonesType2),
            new ExamplePatients.Example("glucose-raw-cgm-brief-dips",
                    "T1D on insulin, 14 days of raw 15-minute CGM readings: single values below 54 on 3 nights, one 30-minute level 2 event",
                    GlucoseGapExamples::rawCgmBriefDips),
            new ExamplePatients.Example("glucose-cgm-report-dated",
                    "A vendor CGM report at target that ended 20 days ago: dated in the card",
                    GlucoseGapExamples::datedReport));

    private GlucoseExamples() {
    }

    static PatientBuilder vignette3(Instant now) {
        PatientBuilder p = new PatientBuilder("vignette-3", "Example", "Casey", AdministrativeGender.FEMALE, 1990);
        vignette3Report(p, now, p.device("vignette-3-cgm", "Dexcom", "G7", null, false));
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.medication("865098", "insulin lispro 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return p;
    }

    /** Vignette 3's vendor report: 14 d, 93% active, TBR <70 5.5%, <54 1.6%, TIR 74%, CV 39%, GMI 6.7%. */
    static void vignette3Report(PatientBuilder p, Instant now, String sensor) {
        report(p, now, sensor, 14, 93, new double[] {1.6, 3.9, 74, 17.5, 3}, 39, 6.7);
    }

    static PatientBuilder insufficientWear(Instant now) {
        PatientBuilder p = new PatientBuilder("edge-5", "Example", "Rowan", AdministrativeGender.MALE, 1971);
        String sensor = p.device("edge-5-cgm", "Dexcom", "G7", null, false);
        report(p, now, sensor, 9, 60, new double[] {0.5, 2.5, 61, 27, 9}, 31, 7.4);
        p.medication("860975", "metformin hydrochloride 500 MG Oral Tablet");
        p.condition("44054006", "Diabetes mellitus type 2");
        return p;
    }

    static PatientBuilder rawCgm(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-raw", "Example", "Sasha", AdministrativeGender.FEMALE, 1984);
        String sensor = p.device("glucose-raw-cgm", "Dexcom", "G7", null, false);
        // a daily swing between about 95 and 205 mg/dL (after-meal highs), no lows
        sensorReadings(p, now, sensor, 150, 55, 8, 7);
        p.medication("860975", "metformin hydrochloride 500 MG Oral Tablet");
        p.condition("44054006", "Diabetes mellitus type 2");
        return p;
    }

    static PatientBuilder level3Reported(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-level3", "Example", "Emery", AdministrativeGender.MALE, 1979);
        p.observation("survey", daysBefore(now, 2, 3, 10), new Coding(PGHD, "severe-hypoglycaemia-event",
                "Severe hypoglycaemia event (needed assistance), patient-reported"), null, null, null);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return p;
    }

    static PatientBuilder level2OnInsulin(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-level2", "Example", "Harper", AdministrativeGender.FEMALE, 1958);
        return lowsOnInsulin(p, now, p.device("glucose-level2-meter", "Roche Diabetes Care", "Accu-Chek Guide", null, false));
    }

    static PatientBuilder typedInLowsOnInsulin(Instant now) {
        return lowsOnInsulin(new PatientBuilder("glucose-typed-in-lows", "Example", "Rowan", AdministrativeGender.FEMALE, 1961),
                now, null);
    }

    /** A week of morning readings with two below 3.0 mmol/L, on insulin; {@code meter} null = typed in. */
    private static PatientBuilder lowsOnInsulin(PatientBuilder p, Instant now, String meter) {
        double[] mmol = {6.8, 2.8, 7.4, 5.9, 2.9, 8.1, 6.2};
        for (int day = 7; day >= 1; day--) {
            p.observation("laboratory", daysBefore(now, day, 7, 15), new Coding(LOINC, "14743-9",
                    "Glucose [Moles/volume] in Capillary blood by Glucometer"), mmol[7 - day], "mmol/L", meter);
        }
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("44054006", "Diabetes mellitus type 2");
        return p;
    }

    static PatientBuilder meterLowMmol(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-meter-low", "Example", "Logan", AdministrativeGender.MALE, 1966);
        String meter = p.device("glucose-meter-low-meter", "Roche Diabetes Care", "Accu-Chek Guide", null, false);
        double[] mmol = {6.1, 5.8, 3.6, 6.4, 7.0};
        for (int day = 5; day >= 1; day--) {
            p.observation("laboratory", daysBefore(now, day, 7, 0), new Coding(LOINC, "14743-9",
                    "Glucose [Moles/volume] in Capillary blood by Glucometer"), mmol[5 - day], "mmol/L", meter);
        }
        p.medication("860975", "metformin hydrochloride 500 MG Oral Tablet");
        return p;
    }

    static PatientBuilder atTarget(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-at-target", "Example", "Avery", AdministrativeGender.MALE, 1975);
        String sensor = p.device("glucose-at-target-cgm", "Dexcom", "G7", null, false);
        report(p, now, sensor, 14, 96, new double[] {0.3, 1.7, 82, 14, 2}, 31, 6.8);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        return p;
    }

    static PatientBuilder consumerReport(Instant now) {
        PatientBuilder p = new PatientBuilder("glucose-consumer", "Example", "Jamie", AdministrativeGender.FEMALE, 1993);
        String sensor = p.device("glucose-consumer-cgm", "Generic", "Glucose Patch", null, null);
        report(p, now, sensor, 14, 90, new double[] {1.5, 4.5, 72, 19, 3}, 34, 6.9);
        return p;
    }

    /**
     * 14 days of raw sensor readings every 15 minutes (as some sensors store them; the benchmark uses 5): a daily sine
     * swing of {@code amplitude} around {@code mean} mg/dL with Gaussian noise, reproducible by {@code seed}.
     */
    static void sensorReadings(PatientBuilder p, Instant now, String sensor, double mean, double amplitude, double noise, long seed) {
        Random random = new Random(seed);
        OffsetDateTime start = daysBefore(now, 14, 12, 0).plusMinutes(15);
        for (int i = 0; i < 14 * 96; i++) {
            double mgdl = mean + amplitude * Math.sin(i * 2 * Math.PI / 96) + random.nextGaussian() * noise;
            p.observation("laboratory", start.plusMinutes(15L * i), new Coding(LOINC, "99504-3",
                    "Glucose [Mass/volume] in Interstitial fluid"), (double) Math.round(mgdl), "mg/dL", sensor);
        }
    }

    /**
     * A vendor CGM report as the HL7 CGM IG shapes it: one Observation per metric over the report period (ending
     * yesterday), the times-in-ranges panel 106793-3 with its five components (very low, low, in range, high, very high).
     */
    static void report(PatientBuilder p, Instant now, String sensor, int days, double active, double[] ranges,
                               double cv, double gmi) {
        report(p, now, 1, sensor, days, active, ranges, cv, gmi);
    }

    /** The same report, ending {@code endDaysAgo} days before now. */
    static void report(PatientBuilder p, Instant now, int endDaysAgo, String sensor, int days, double active,
                       double[] ranges, double cv, double gmi) {
        OffsetDateTime end = daysBefore(now, endDaysAgo, 23, 59);
        OffsetDateTime start = end.minusDays(days).plusMinutes(1);
        period(p.observation("laboratory", end, new Coding(LOINC, "104636-6", "Days of sensor wear"), (double) days, "d", sensor), start, end);
        period(p.observation("laboratory", end, new Coding(LOINC, "104637-4", "Sensor active percentage"), active, "%", sensor), start, end);
        period(p.observation("laboratory", end, new Coding(LOINC, "104638-2", "Glucose coefficient of variation"), cv, "%", sensor), start, end);
        period(p.observation("laboratory", end, new Coding(LOINC, "97506-0", "Glucose management indicator"), gmi, "%", sensor), start, end);
        Observation panel = p.observation("laboratory", end, new Coding(LOINC, "106793-3", "Times in glucose ranges"), null, null, sensor);
        period(panel, start, end);
        String[][] components = {{"104642-4", "Time below range, very low"}, {"104641-6", "Time below range, low"},
                {"97510-2", "Time in range"}, {"104640-8", "Time above range, high"}, {"104639-0", "Time above range, very high"}};
        for (int i = 0; i < components.length; i++) {
            panel.addComponent().setCode(new CodeableConcept(new Coding(LOINC, components[i][0], components[i][1])))
                    .setValue(new Quantity().setValue(BigDecimal.valueOf(ranges[i])).setUnit("%").setSystem(UCUM).setCode("%"));
        }
    }

    private static void period(Observation observation, OffsetDateTime start, OffsetDateTime end) {
        observation.setEffective(new Period()
                .setStartElement(new DateTimeType(Date.from(start.toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(start.getOffset())))
                .setEndElement(new DateTimeType(Date.from(end.toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(end.getOffset()))));
    }
}

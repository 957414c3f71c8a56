package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.util.List;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Example patients for the heart-failure topic (docs/clinical-sources.md, heart failure; examples/README.md vignette
 * 5): morning weights from a
 * Bluetooth scale (LOINC 29463-7, in [lb_av] or kg, as PHD weighing scales send them) and KCCQ-12 overall summary
 * scores (86924-8) completed in the patient portal. All fictional.
 */
final class HeartFailureExamples {
    static final String LOINC = PatientBuilder.LOINC;

    static final List<ExamplePatients.Example> ALL = List.of(
            new ExamplePatients.Example("vignette-5-hf-weight-kccq",
                    "Clinical vignette 5: HFrEF on furosemide, clinic-issued scale on 6 of 7 mornings, +2.4 lb in 24 h (confirmed), +5.6 lb vs baseline, KCCQ-12 68 → 50",
                    HeartFailureExamples::vignette5),
            new ExamplePatients.Example("hf-weight-gain-kg",
                    "The vignette 5 weights sent in kg, no KCCQ-12: the same gain, found the same way",
                    HeartFailureExamples::gainInKg),
            new ExamplePatients.Example("hf-weight-stable",
                    "Heart failure, daily weights within ±0.6 lb of the baseline: no card",
                    HeartFailureExamples::stable),
            new ExamplePatients.Example("hf-gain-not-confirmed",
                    "A 2.6 lb jump one morning that is gone the next: no 24 h alert, no gain vs baseline",
                    HeartFailureExamples::notConfirmed),
            new ExamplePatients.Example("hf-weights-insufficient",
                    "Heart failure, weights on only 3 of the last 7 mornings: too few for a trend, nothing inferred",
                    HeartFailureExamples::insufficient),
            new ExamplePatients.Example("hf-scale-changed",
                    "A new scale 5 days ago reads 6 lb higher than the old one: the baseline restarts, no false gain",
                    HeartFailureExamples::scaleChanged),
            new ExamplePatients.Example("hf-kccq-decline",
                    "KCCQ-12 62 → 50 (−12) with stable weights: a moderate decline, warning",
                    HeartFailureExamples::kccqDecline),
            new ExamplePatients.Example("hf-kccq-improvement",
                    "KCCQ-12 45 → 57 (+12): improvement, info",
                    HeartFailureExamples::kccqImprovement),
            new ExamplePatients.Example("hf-consumer-scale",
                    "The vignette 5 weight gain from a consumer smart scale not on the device list: capped at info",
                    HeartFailureExamples::consumerScale),
            new ExamplePatients.Example("hf-consumer-scale-kccq-decline",
                    "The consumer-scale gain with a KCCQ-12 decline 68 → 50: the questionnaire keeps its own warning, the weight stays info",
                    HeartFailureExamples::consumerScaleKccqDecline),
            new ExamplePatients.Example("hf-loss-on-diuretic",
                    "Weight down 3 lb in 2 days on furosemide: possible over-diuresis, info",
                    HeartFailureExamples::lossOnDiuretic));

    private HeartFailureExamples() {
    }

    /** Baseline mornings (days −14 to −8) around 180 lb, then the recent week; null = no weight that morning. */
    private static void weights(PatientBuilder p, Instant now, String scale, String unit, double factor, Double... recent) {
        double[] baseline = {179.8, 180.2, 180.0, 179.6, 180.4, 180.0, 179.9};
        for (int i = 0; i < baseline.length; i++) {
            weight(p, now, 14 - i, baseline[i] * factor, unit, scale);
        }
        for (int i = 0; i < recent.length; i++) {
            if (recent[i] != null) {
                weight(p, now, recent.length - 1 - i, recent[i] * factor, unit, scale);
            }
        }
    }

    private static void weight(PatientBuilder p, Instant now, int daysAgo, double value, String unit, String scale) {
        p.observation("vital-signs", daysBefore(now, daysAgo, 6, 30), new Coding(LOINC, "29463-7", "Body weight"),
                Math.round(value * 10) / 10.0, unit, scale);
    }

    static void kccq(PatientBuilder p, Instant now, int daysAgo, double score) {
        p.observation("survey", daysBefore(now, daysAgo, 19, 0), new Coding(LOINC, "86924-8",
                "Kansas City Cardiomyopathy Questionnaire-12 overall summary score"), score, "{score}", null);
    }

    private static PatientBuilder hfPatient(String id, String given, int birthYear) {
        PatientBuilder p = new PatientBuilder(id, "Example", given, AdministrativeGender.MALE, birthYear);
        p.condition("84114007", "Heart failure");
        p.medication("310429", "furosemide 40 MG Oral Tablet");
        return p;
    }

    private static String clinicScale(PatientBuilder p, String id) {
        return p.device(id, "A&D Medical", "UC-352BLE", PatientBuilder.CLINIC, false);
    }

    /** Recent mornings −6 … 0: 180.4, 180.6, —, 181.0, 183.4 (+2.4), 185.0 (holds), 185.6 (+5.6 vs 180.0). */
    static PatientBuilder vignette5(Instant now) {
        PatientBuilder p = hfPatient("vignette-5", "Blake", 1954);
        weights(p, now, clinicScale(p, "vignette-5-scale"), "[lb_av]", 1, 180.4, 180.6, null, 181.0, 183.4, 185.0, 185.6);
        kccq(p, now, 28, 68);
        kccq(p, now, 1, 50);
        return p;
    }

    static PatientBuilder gainInKg(Instant now) {
        PatientBuilder p = hfPatient("hf-kg", "Drew", 1950);
        weights(p, now, clinicScale(p, "hf-kg-scale"), "kg", 0.45359237, 180.4, 180.6, null, 181.0, 183.4, 185.0, 185.6);
        return p;
    }

    static PatientBuilder stable(Instant now) {
        PatientBuilder p = hfPatient("hf-stable", "Kai", 1949);
        weights(p, now, clinicScale(p, "hf-stable-scale"), "[lb_av]", 1, 180.2, 179.8, 180.4, 180.0, 180.6, 179.6, 180.1);
        return p;
    }

    static PatientBuilder notConfirmed(Instant now) {
        PatientBuilder p = hfPatient("hf-unconfirmed", "Reese", 1947);
        weights(p, now, clinicScale(p, "hf-unconfirmed-scale"), "[lb_av]", 1, 180.0, 180.2, 179.8, 182.4, 180.1, 180.3, 180.0);
        return p;
    }

    static PatientBuilder insufficient(Instant now) {
        PatientBuilder p = hfPatient("hf-insufficient", "Sam", 1952);
        weights(p, now, clinicScale(p, "hf-insufficient-scale"), "[lb_av]", 1, null, 181.0, null, null, 183.0, null, 184.0);
        return p;
    }

    static PatientBuilder scaleChanged(Instant now) {
        PatientBuilder p = hfPatient("hf-scale-changed", "Toni", 1951);
        String old = clinicScale(p, "hf-old-scale");
        weights(p, now, old, "[lb_av]", 1, 180.1, 179.9);
        String replacement = clinicScale(p, "hf-new-scale");
        for (int day = 4; day >= 0; day--) {
            weight(p, now, day, 186.0 + (day % 2) * 0.2, "[lb_av]", replacement);
        }
        return p;
    }

    static PatientBuilder kccqDecline(Instant now) {
        PatientBuilder p = hfPatient("hf-kccq-decline", "Jules", 1956);
        weights(p, now, clinicScale(p, "hf-kccq-decline-scale"), "[lb_av]", 1, 180.2, 179.8, 180.4, 180.0, 180.6, 179.6, 180.1);
        kccq(p, now, 35, 62);
        kccq(p, now, 2, 50);
        return p;
    }

    static PatientBuilder kccqImprovement(Instant now) {
        PatientBuilder p = hfPatient("hf-kccq-improvement", "Ari", 1960);
        kccq(p, now, 60, 45);
        kccq(p, now, 3, 57);
        return p;
    }

    static PatientBuilder consumerScale(Instant now) {
        PatientBuilder p = hfPatient("hf-consumer", "Robin", 1953);
        String scale = p.device("hf-consumer-scale", "Withings", "Body+", null, true);
        weights(p, now, scale, "[lb_av]", 1, 180.4, 180.6, null, 181.0, 183.4, 185.0, 185.6);
        return p;
    }

    static PatientBuilder consumerScaleKccqDecline(Instant now) {
        PatientBuilder p = hfPatient("hf-consumer-kccq", "Morgan", 1955);
        String scale = p.device("hf-consumer-kccq-scale", "Withings", "Body+", null, true);
        weights(p, now, scale, "[lb_av]", 1, 180.4, 180.6, null, 181.0, 183.4, 185.0, 185.6);
        kccq(p, now, 28, 68);
        kccq(p, now, 1, 50);
        return p;
    }

    static PatientBuilder lossOnDiuretic(Instant now) {
        PatientBuilder p = hfPatient("hf-loss", "Quinn", 1948);
        weights(p, now, clinicScale(p, "hf-loss-scale"), "[lb_av]", 1, 180.2, 179.8, 180.4, 180.0, 180.6, 179.0, 177.6);
        return p;
    }
}

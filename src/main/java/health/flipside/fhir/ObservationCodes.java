package health.flipside.fhir;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import health.flipside.facts.Metric;

/**
 * Which Observation codes carry which {@link Metric} (docs/clinical-sources.md, by topic): LOINC as the
 * implementation guides use it, IEEE 11073 MDC as personal health devices send it (HL7 PHD IG). The code decides,
 * never the category alone: the CGM IG files its Observations under {@code laboratory}. Spot heart rate (8867-4),
 * which watches send by the thousand, is deliberately absent: no rule reads it, so the prefetch filter drops it
 * before FHIR parsing (resting heart rate, 40443-4, is what the wearables topic reads).
 */
final class ObservationCodes {
    static final String LOINC = "http://loinc.org";
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String SNOMED = "http://snomed.info/sct";
    /** Flipside's own codes where no standard code exists (no LOINC/SNOMED code for an IRN was confirmed, §4.1). */
    static final String FLIPSIDE = "https://flipside.health/fhir/CodeSystem/pghd";
    /** CGM IG times-in-ranges panel; its components carry the five ranges. */
    static final String CGM_RANGES_PANEL = LOINC + "|106793-3";

    private static final Map<String, Metric> BY_CODE = new HashMap<>();

    static {
        put(Metric.GLUCOSE, LOINC + "|41653-7", LOINC + "|2339-0", LOINC + "|14743-9", MDC + "|160184", MDC + "|160368");
        put(Metric.SENSOR_GLUCOSE, LOINC + "|99504-3", LOINC + "|105272-9");
        put(Metric.SEVERE_HYPOGLYCAEMIA_EVENT, FLIPSIDE + "|severe-hypoglycaemia-event");
        put(Metric.CGM_MEAN_GLUCOSE, LOINC + "|97507-8", LOINC + "|105273-7");
        put(Metric.CGM_GMI, LOINC + "|97506-0");
        put(Metric.CGM_CV, LOINC + "|104638-2");
        put(Metric.CGM_DAYS_WORN, LOINC + "|104636-6");
        put(Metric.CGM_SENSOR_ACTIVE, LOINC + "|104637-4");
        put(Metric.CGM_TIME_VERY_LOW, LOINC + "|104642-4");
        put(Metric.CGM_TIME_LOW, LOINC + "|104641-6");
        put(Metric.CGM_TIME_IN_RANGE, LOINC + "|97510-2");
        put(Metric.CGM_TIME_HIGH, LOINC + "|104640-8");
        put(Metric.CGM_TIME_VERY_HIGH, LOINC + "|104639-0");
        put(Metric.BODY_WEIGHT, LOINC + "|29463-7", MDC + "|188736");
        put(Metric.RESTING_HEART_RATE, LOINC + "|40443-4");
        put(Metric.OXYGEN_SATURATION, LOINC + "|59408-5", LOINC + "|2708-6", MDC + "|150456");
        put(Metric.IRREGULAR_RHYTHM_NOTIFICATION, FLIPSIDE + "|irregular-rhythm-notification");
        put(Metric.STEPS, LOINC + "|41950-7", LOINC + "|55423-8");
        put(Metric.ACTIVE_MINUTES, LOINC + "|55411-3");
        put(Metric.SLEEP_DURATION, LOINC + "|93832-4");
        // Ketones the patient measures at home: blood β-hydroxybutyrate (53060-9, mmol/L; not confirmed against the
        // LOINC table [M]) and urine test strips (2514-8 "Ketones [Presence] in Urine by Test strip" [S]).
        put(Metric.BLOOD_KETONES, LOINC + "|53060-9");
        put(Metric.URINE_KETONES, LOINC + "|2514-8");
    }

    private ObservationCodes() {
    }

    private static void put(Metric metric, String... codes) {
        for (String code : codes) {
            BY_CODE.put(code, metric);
        }
    }

    /** The metric of a code set ("system|code"), when one of the codes is known. */
    static Optional<Metric> metric(Set<String> codes) {
        for (String code : codes) { // a loop, not a stream: once for every Observation
            Metric metric = BY_CODE.get(code);
            if (metric != null) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }

    /** Every code Flipside reads as a measurement, plus the CGM ranges panel: the prefetch filter keeps these. */
    static Set<String> all() {
        Set<String> all = new java.util.HashSet<>(BY_CODE.keySet());
        all.add(CGM_RANGES_PANEL);
        return Set.copyOf(all);
    }
}

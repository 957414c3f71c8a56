package health.flipside.facts;

/**
 * The patient-generated streams Flipside reads besides blood pressure, each in one canonical unit: the FHIR layer
 * converts every value to it (UCUM), so summaries and rules never see another unit.
 */
public enum Metric {
    /** Self-monitored (fingerstick) blood glucose, mg/dL. */
    GLUCOSE("mg/dL"),
    /** One CGM sensor reading (interstitial glucose), mg/dL. */
    SENSOR_GLUCOSE("mg/dL"),
    /** A patient-reported severe (level 3) hypoglycaemia event: needing assistance, irrespective of glucose. */
    SEVERE_HYPOGLYCAEMIA_EVENT("{event}"),
    CGM_MEAN_GLUCOSE("mg/dL"),
    CGM_GMI("%"),
    CGM_CV("%"),
    CGM_DAYS_WORN("d"),
    CGM_SENSOR_ACTIVE("%"),
    /** Times in ranges of a CGM report, % of time: < 54, 54–69, 70–180, 181–250, > 250 mg/dL. */
    CGM_TIME_VERY_LOW("%"),
    CGM_TIME_LOW("%"),
    CGM_TIME_IN_RANGE("%"),
    CGM_TIME_HIGH("%"),
    CGM_TIME_VERY_HIGH("%"),
    BODY_WEIGHT("kg"),
    RESTING_HEART_RATE("/min"),
    OXYGEN_SATURATION("%"),
    /** A wearable's irregular-rhythm notification (one event per Observation). */
    IRREGULAR_RHYTHM_NOTIFICATION("{event}"),
    STEPS("/d"),
    /** Minutes of moderate-or-vigorous activity on one day (or one session). */
    ACTIVE_MINUTES("min"),
    SLEEP_DURATION("h"),
    /** Blood β-hydroxybutyrate from a ketone meter, mmol/L. */
    BLOOD_KETONES("mmol/L"),
    /** A urine ketone test strip read as a level: 0 negative, 1 trace, 2 small, 3 moderate, 4 large. */
    URINE_KETONES("{level}");

    private final String unit;
    private final String key;

    Metric(String unit) {
        this.unit = unit;
        this.key = key(name());
    }

    /** The UCUM unit every value of this metric is converted to. */
    public String unit() {
        return unit;
    }

    /** The metric's name in threshold files: BODY_WEIGHT → "bodyWeight" (e.g. bodyWeightPlausibleMax). */
    public String key() {
        return key; // built once: the cleaner asks for every reading
    }

    private static String key(String name) {
        StringBuilder key = new StringBuilder();
        for (String part : name.toLowerCase(java.util.Locale.ROOT).split("_")) {
            key.append(key.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return key.toString();
    }

    /** A continuous glucose monitor's reading or report metric: worn by the patient, whoever sends it. */
    public boolean isCgm() {
        return this == SENSOR_GLUCOSE || name().startsWith("CGM_");
    }

    /** Events carry no quantity: the Observation itself is the datum. */
    public boolean isEvent() {
        return "{event}".equals(unit);
    }
}

package health.flipside.facts.proms;

import health.flipside.facts.TestThresholds;
import health.flipside.facts.Thresholds;
import java.util.HashMap;
import java.util.Map;

/**
 * PROM thresholds for unit tests, built in code rather than read from rules/proms/thresholds.yaml (staff may change
 * the file; a test of the arithmetic must keep its meaning). The values shipped when these tests were written.
 */
public final class PromsThresholds {
    private PromsThresholds() {
    }

    public static Thresholds standard() {
        return with(Map.of());
    }

    public static Thresholds with(Map<String, Double> overrides) {
        Map<String, Double> v = new HashMap<>();
        v.put("item9PositiveMin", 1.0);
        v.put("item9WindowDays", 14.0);
        v.put("item9LookbackDays", 90.0);
        v.put("resultLookbackDays", 90.0);
        v.put("changeMaxDays", 180.0);
        v.put("phqGadChangeMinDays", 14.0);
        v.put("promisChangeMinDays", 7.0);
        v.put("painChangeMinDays", 7.0);
        v.put("esasChangeMinDays", 1.0);
        v.put("phq9Items", 9.0);
        v.put("phq9ScoreMax", 27.0);
        v.put("phq9Mild", 5.0);
        v.put("phq9Moderate", 10.0);
        v.put("phq9ModeratelySevere", 15.0);
        v.put("phq9Severe", 20.0);
        v.put("phq9Mcid", 5.0);
        v.put("phq9RciThreshold", 6.0);
        v.put("phq2Items", 2.0);
        v.put("phq2ScoreMax", 6.0);
        v.put("phq2Positive", 3.0);
        v.put("gad7Items", 7.0);
        v.put("gad7ScoreMax", 21.0);
        v.put("gad7Mild", 5.0);
        v.put("gad7Moderate", 10.0);
        v.put("gad7Severe", 15.0);
        v.put("gad7Mcid", 4.0);
        v.put("gad7RciThreshold", 6.0);
        v.put("promisTMin", 10.0);
        v.put("promisTMax", 90.0);
        v.put("promisSymptomMild", 55.0);
        v.put("promisSymptomModerate", 60.0);
        v.put("promisSymptomSevere", 70.0);
        v.put("promisDepressionModeratelySevere", 65.0);
        v.put("promisFunctionMild", 45.0);
        v.put("promisFunctionModerate", 40.0);
        v.put("promisFunctionSevere", 30.0);
        v.put("promisGlobalMentalExcellent", 56.0);
        v.put("promisGlobalMentalVeryGood", 48.0);
        v.put("promisGlobalMentalGood", 40.0);
        v.put("promisGlobalMentalFair", 29.0);
        v.put("promisGlobalPhysicalExcellent", 58.0);
        v.put("promisGlobalPhysicalVeryGood", 50.0);
        v.put("promisGlobalPhysicalGood", 42.0);
        v.put("promisGlobalPhysicalFair", 35.0);
        v.put("promisMcid", 5.0);
        v.put("promisRciSd", 10.0);
        v.put("promisRciReliability", 0.90);
        v.put("rciZ", 1.96);
        v.put("painScoreMax", 10.0);
        v.put("painModerate", 4.0);
        v.put("painSevere", 7.0);
        v.put("painMcidPoints", 2.0);
        v.put("painMcidPercent", 30.0);
        v.put("painRciThreshold", 0.0);
        v.put("esasScoreMax", 10.0);
        v.put("esasModerate", 4.0);
        v.put("esasSevere", 7.0);
        v.put("esasItemMcid", 2.0);
        v.put("esasRciThreshold", 0.0);
        v.putAll(overrides);
        return TestThresholds.of("proms", v);
    }
}

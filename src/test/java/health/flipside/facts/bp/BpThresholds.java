package health.flipside.facts.bp;

import health.flipside.facts.TestThresholds;
import health.flipside.facts.Thresholds;
import java.util.HashMap;
import java.util.Map;

/**
 * Blood-pressure thresholds for unit tests, built in code rather than read from rules/bp/thresholds.yaml: staff may
 * change the file at any time, and a unit test of the arithmetic must not change its meaning when they do. The
 * values are those shipped in rules/bp/thresholds.yaml when these tests were written.
 */
public final class BpThresholds {
    private BpThresholds() {
    }

    /** The shipped defaults: gate 12 readings on 3 days in 28, home/office high 130/80, severe 180/120 in 72 h. */
    public static Thresholds standard() {
        return with(Map.of());
    }

    /** The shipped defaults with some values replaced, e.g. {@code with(Map.of("gateMorningMin", 6.0))}. */
    public static Thresholds with(Map<String, Double> overrides) {
        Map<String, Double> values = new HashMap<>();
        values.put("homeWindowDays", 28.0);
        values.put("gateReadingsMin", 12.0);
        values.put("gateDaysMin", 3.0);
        values.put("gateMorningMin", 0.0);
        values.put("gateEveningMin", 0.0);
        values.put("homeHighSystolic", 130.0);
        values.put("homeHighDiastolic", 80.0);
        values.put("officeHighSystolic", 130.0);
        values.put("officeHighDiastolic", 80.0);
        values.put("officeLookbackDays", 365.0);
        values.put("officeVisits", 2.0);
        values.put("severeSystolic", 180.0);
        values.put("severeDiastolic", 120.0);
        values.put("severeWindowHours", 72.0);
        values.put("plausibleSystolicMin", 60.0);
        values.put("plausibleSystolicMax", 260.0);
        values.put("plausibleDiastolicMin", 30.0);
        values.put("plausibleDiastolicMax", 160.0);
        values.put("homeLowSystolic", 90.0);
        values.put("homeLowDiastolic", 60.0);
        values.put("lowWindowDays", 14.0);
        values.put("officeCurrentDays", 90.0);
        values.putAll(overrides);
        return TestThresholds.of("bp", values);
    }
}

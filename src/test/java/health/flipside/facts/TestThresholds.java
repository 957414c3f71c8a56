package health.flipside.facts;

import java.util.HashMap;
import java.util.Map;

/** Thresholds built in a test from plain values, marked as test values (no unit, source "unit-test value"). */
public final class TestThresholds {
    private TestThresholds() {
    }

    public static Thresholds of(String topic, Map<String, Double> values) {
        Map<String, Thresholds.Threshold> thresholds = new HashMap<>();
        values.forEach((name, value) -> thresholds.put(name, new Thresholds.Threshold(value, null, "unit-test value")));
        return new Thresholds(topic, thresholds);
    }
}

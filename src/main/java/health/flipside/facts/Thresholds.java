package health.flipside.facts;

import java.util.Map;

/**
 * The editable numbers of one clinical topic, read from {@code rules/<topic>/thresholds.yaml}. Every value carries
 * its source (a guideline, or "design choice [D]"), so a card can say where a number came from.
 */
public record Thresholds(String topic, Map<String, Threshold> values) {

    public record Threshold(double value, String unit, String source) {
    }

    public Thresholds {
        values = Map.copyOf(values);
    }

    /** The value of a named threshold; a rule or summary asking for an undefined one is a contract error. */
    public double get(String name) {
        Threshold threshold = values.get(name);
        if (threshold == null) {
            throw new IllegalArgumentException("Threshold '" + name + "' is not defined in rules/" + topic + "/thresholds.yaml");
        }
        return threshold.value();
    }

    public int getInt(String name) {
        return (int) Math.round(get(name));
    }

    public String source(String name) {
        get(name);
        return values.get(name).source();
    }
}

package health.flipside.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops physiologically impossible values and the copies several aggregators deliver of one measurement
 * (HealthKit and the vendor cloud), for every stream (docs/clinical-sources.md, across topics). Bounds are the
 * {@code <metric>PlausibleMin/Max} values of {@code rules/common/thresholds.yaml}; a metric without bounds is kept.
 */
public final class MeasurementCleaner {
    private final Thresholds common;

    public MeasurementCleaner(Thresholds common) {
        this.common = common;
    }

    public record Cleaned(List<Measurement> measurements, int implausible, int duplicates) {
        public Cleaned {
            measurements = List.copyOf(measurements);
        }
    }

    public Cleaned clean(List<Measurement> measurements) {
        int implausible = 0;
        // Same metric, same instant, same value: one measurement, whichever aggregator sent it; keep the most
        // trusted copy so a second, anonymous copy never downgrades its provenance.
        Map<Copy, Measurement> unique = new LinkedHashMap<>();
        List<Measurement> sorted = new ArrayList<>(measurements);
        sorted.sort(Comparator.comparing((Measurement m) -> m.device().tier()));
        for (Measurement m : sorted) {
            if (!plausible(m)) {
                implausible++;
                continue;
            }
            unique.putIfAbsent(new Copy(m.metric(), m.takenAt(), Math.round(m.value() * 100)), m);
        }
        int duplicates = measurements.size() - implausible - unique.size();
        List<Measurement> kept = new ArrayList<>(unique.values());
        kept.sort(Comparator.comparing(Measurement::takenAt));
        return new Cleaned(kept, implausible, duplicates);
    }

    /** What makes two measurements copies of one: the value to two decimals (a record, not a string: one per reading). */
    private record Copy(Metric metric, Instant takenAt, long hundredths) {
    }

    private boolean plausible(Measurement m) {
        String min = m.metric().key() + "PlausibleMin";
        String max = m.metric().key() + "PlausibleMax";
        if (!Double.isFinite(m.value())) {
            return false; // no reader lets one through; a summary printing infinity would fail the whole call
        }
        return (!common.values().containsKey(min) || m.value() >= common.get(min))
                && (!common.values().containsKey(max) || m.value() <= common.get(max));
    }
}

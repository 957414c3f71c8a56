package health.flipside.facts.bp;

import health.flipside.facts.Thresholds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops physiologically implausible readings and the copies one reading gets when it reaches the EHR through
 * several aggregators (phone app, vendor cloud, hub) — docs/clinical-sources.md, across topics [D].
 */
public final class BloodPressureCleaner {
    private final Thresholds thresholds;

    public BloodPressureCleaner(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public record Cleaned(List<BloodPressureReading> readings, int implausible, int duplicates) {
    }

    public Cleaned clean(List<BloodPressureReading> readings) {
        List<BloodPressureReading> plausible = readings.stream().filter(this::isPlausible).toList();
        // Same minute, same values: one measurement seen twice. Keep the copy with the most trusted provenance.
        Map<DuplicateKey, BloodPressureReading> unique = new LinkedHashMap<>();
        plausible.stream()
                .sorted(Comparator.comparing((BloodPressureReading r) -> r.device().tier()))
                .forEach(r -> unique.putIfAbsent(duplicateKey(r), r));
        List<BloodPressureReading> kept = new ArrayList<>(unique.values());
        kept.sort(Comparator.comparing(BloodPressureReading::takenAt));
        return new Cleaned(List.copyOf(kept), readings.size() - plausible.size(), plausible.size() - kept.size());
    }

    private boolean isPlausible(BloodPressureReading r) {
        return r.systolic() >= thresholds.get("plausibleSystolicMin")
                && r.systolic() <= thresholds.get("plausibleSystolicMax")
                && r.diastolic() >= thresholds.get("plausibleDiastolicMin")
                && r.diastolic() <= thresholds.get("plausibleDiastolicMax")
                && r.systolic() > r.diastolic();
    }

    /** A record, not a joined string: formatting each reading's time as text was 8 % of a typical call's pipeline. */
    private record DuplicateKey(Instant minute, long systolic, long diastolic, BloodPressureReading.Setting setting) {
    }

    private static DuplicateKey duplicateKey(BloodPressureReading r) {
        return new DuplicateKey(r.takenAt().truncatedTo(ChronoUnit.MINUTES), Math.round(r.systolic()),
                Math.round(r.diastolic()), r.setting());
    }
}

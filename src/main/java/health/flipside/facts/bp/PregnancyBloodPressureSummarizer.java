package health.flipside.facts.bp;

import health.flipside.facts.Coverage;
import health.flipside.facts.Numbers;
import health.flipside.facts.PatientContext;
import health.flipside.facts.Thresholds;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Severe-range home blood pressure in pregnancy and the weeks after delivery (ACOG Committee Opinion 767 [V]), from
 * the cleaned readings and the {@link PatientContext}. Its own class, beside the adult summaries: the limits differ
 * (160/110, not 180/120) and so does who they apply to. Numbers from {@code rules/bp/thresholds.yaml}.
 */
public final class PregnancyBloodPressureSummarizer {
    public static final List<String> REQUIRED_THRESHOLDS = List.of("pregnancySevereSystolic", "pregnancySevereDiastolic",
            "pregnancyConfirmMinutes", "pregnancySevereWindowHours");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private final Thresholds t;

    public PregnancyBloodPressureSummarizer(Thresholds bp) {
        this.t = bp;
    }

    public Optional<PregnancyBloodPressure> severe(List<BloodPressureReading> readings, PatientContext patient, Instant now) {
        if (!patient.pregnantOrPostpartum()) {
            return Optional.empty();
        }
        int windowHours = t.getInt("pregnancySevereWindowHours");
        Instant since = now.minus(Duration.ofHours(windowHours));
        // Any home cuff, whatever its tier (the card policy weighs the tier); a cuffless reading is never a BP value.
        List<BloodPressureReading> severe = readings.stream()
                .filter(BloodPressureReading::isHome)
                .filter(r -> r.device().kind() != DeviceKind.CUFFLESS)
                .filter(r -> !r.takenAt().isBefore(since) && !r.takenAt().isAfter(now))
                .filter(r -> Math.round(r.systolic()) >= t.get("pregnancySevereSystolic")
                        || Math.round(r.diastolic()) >= t.get("pregnancySevereDiastolic"))
                .sorted(Comparator.comparing(BloodPressureReading::takenAt))
                .toList();
        if (severe.isEmpty()) {
            return Optional.empty();
        }
        BloodPressureReading highest = severe.stream()
                .max(Comparator.comparingDouble(BloodPressureReading::systolic).thenComparingDouble(BloodPressureReading::diastolic))
                .orElseThrow();
        Duration confirm = Duration.ofMinutes(t.getInt("pregnancyConfirmMinutes"));
        boolean confirmed = severe.stream().anyMatch(a -> severe.stream().anyMatch(b -> b != a
                && !b.takenAt().isBefore(a.takenAt()) && Duration.between(a.takenAt(), b.takenAt()).compareTo(confirm) <= 0));
        Provenance provenance = Coverage.of(severe.stream().map(BloodPressureReading::device).toList(),
                severe.stream().map(r -> r.localTime().toLocalDate()).toList(), Math.max(1, windowHours / 24), null);
        return Optional.of(new PregnancyBloodPressure((int) Math.round(highest.systolic()), (int) Math.round(highest.diastolic()),
                highest.localTime().format(TIME), highest.device(), confirmed, severe.size(),
                patient, provenance));
    }
}

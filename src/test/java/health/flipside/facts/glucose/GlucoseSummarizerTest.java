package health.flipside.facts.glucose;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import health.flipside.facts.Readings;
import health.flipside.facts.Thresholds;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceTier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import health.flipside.rules.RuleSetLoader;

/** Glucose summaries (docs/clinical-sources.md, glucose and CGM): boundaries, the wear gate, vendor report first,
 * safety items. */
class GlucoseSummarizerTest {
    static final Thresholds T = new RuleSetLoader().load(Path.of("rules")).thresholds().get("glucose");
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final DeviceInfo SENSOR = new DeviceInfo(DeviceTier.VALIDATED, DeviceKind.CGM, "Dexcom G7");
    private final GlucoseSummarizer summarizer = new GlucoseSummarizer();

    static Measurement m(Metric metric, Instant at, double value) {
        LocalDateTime local = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return new Measurement(metric, at, local, null, value, SENSOR, "Device/cgm", null);
    }

    static PatientData data(List<Measurement> measurements, Set<String> medicationClasses) {
        return new PatientData(List.of(), measurements, List.of(),
                new ClinicalContext(true, Set.of(), true, medicationClasses, Map.of()), List.of(), true, 0, List.of());
    }

    /** Readings every 15 minutes over {@code days} days back from now, cycling through {@code values}. */
    static List<Measurement> sensor(int days, double... values) {
        List<Measurement> readings = new ArrayList<>();
        for (int i = 0; i < days * 96; i++) {
            readings.add(m(Metric.SENSOR_GLUCOSE, NOW.minusSeconds(900L * (i + 1)), values[i % values.length]));
        }
        return readings;
    }

    private <F> F only(List<Object> facts, Class<F> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void theRangeBoundariesAreExactly54_70_180And250() {
        CgmSummary cgm = only(summarizer.facts(data(sensor(14, 53, 54, 69, 70, 180, 181, 250, 251), Set.of()), T, NOW), CgmSummary.class);
        assertThat(cgm.veryLow()).isCloseTo(12.5, within(0.01));      // 53
        assertThat(cgm.belowRange()).isCloseTo(37.5, within(0.01));   // 53, 54, 69
        assertThat(cgm.inRange()).isCloseTo(25.0, within(0.01));      // 70, 180
        assertThat(cgm.aboveRange()).isCloseTo(37.5, within(0.01));   // 181, 250, 251
        assertThat(cgm.veryHigh()).isCloseTo(12.5, within(0.01));     // 251
        assertThat(cgm.fromVendorReport()).isFalse();
    }

    @Test
    void gmiFollowsTheJaebFormulaFromTheMean() {
        CgmSummary cgm = only(summarizer.facts(data(sensor(14, 154), Set.of()), T, NOW), CgmSummary.class);
        assertThat(cgm.gmi()).isCloseTo(3.31 + 0.02392 * 154, within(1e-9));
        assertThat(cgm.cv()).isZero();
    }

    @Test
    void theWearGateNeeds14DaysAnd70PercentActive() {
        assertThat(only(summarizer.facts(data(sensor(14, 120), Set.of()), T, NOW), CgmSummary.class).interpretable()).isTrue();
        assertThat(only(summarizer.facts(data(sensor(9, 120), Set.of()), T, NOW), CgmSummary.class).interpretable()).isFalse();
        List<Measurement> sparse = sensor(14, 120).stream().filter(r -> r.takenAt().getEpochSecond() % 3600 < 1800).toList();
        CgmSummary half = only(summarizer.facts(data(sparse, Set.of()), T, NOW), CgmSummary.class);
        assertThat(half.activePercent()).as("every other reading: a 15-minute sensor half the time").isLessThan(70);
        assertThat(half.interpretable()).isFalse();
    }

    @Test
    void aVendorReportIsPreferredOverRecomputation() {
        Instant end = NOW.minusSeconds(3600);
        List<Measurement> all = new ArrayList<>(sensor(14, 120));
        all.add(m(Metric.CGM_TIME_IN_RANGE, end, 74));
        all.add(m(Metric.CGM_TIME_LOW, end, 3.9));
        all.add(m(Metric.CGM_TIME_VERY_LOW, end, 1.6));
        all.add(m(Metric.CGM_DAYS_WORN, end, 14));
        all.add(m(Metric.CGM_SENSOR_ACTIVE, end, 93));
        CgmSummary cgm = only(summarizer.facts(data(all, Set.of()), T, NOW), CgmSummary.class);
        assertThat(cgm.fromVendorReport()).isTrue();
        assertThat(cgm.belowRange()).isCloseTo(5.5, within(1e-9));
        assertThat(cgm.hypoglycaemiaAboveTarget()).isTrue();
        assertThat(cgm.aboveRange()).as("not reported: unknown, not zero").isEqualTo(-1);
    }

    @Test
    void level2ReadingsOnTwoDaysAreASafetyItemOnlyOnInsulinOrASulfonylurea() {
        List<Measurement> lows = List.of(m(Metric.GLUCOSE, NOW.minusSeconds(86400), 50), m(Metric.GLUCOSE, NOW.minusSeconds(3 * 86400), 52));
        assertThat(summarizer.facts(data(lows, Set.of("insulin")), T, NOW)).hasAtLeastOneElementOfType(SevereHypoglycaemia.class);
        assertThat(summarizer.facts(data(lows, Set.of()), T, NOW)).noneMatch(SevereHypoglycaemia.class::isInstance)
                .hasAtLeastOneElementOfType(GlucoseLows.class);
        List<Measurement> oneDay = List.of(m(Metric.GLUCOSE, NOW.minusSeconds(86400), 50), m(Metric.GLUCOSE, NOW.minusSeconds(86000), 52));
        assertThat(summarizer.facts(data(oneDay, Set.of("insulin")), T, NOW)).noneMatch(SevereHypoglycaemia.class::isInstance);
    }

    @Test
    void typedInOrConsumerLowsAreNeverASameDayItemOnlyRecentLows() {
        for (DeviceInfo source : List.of(DeviceInfo.SELF_REPORTED, new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.UNKNOWN, "app"))) {
            List<Measurement> lows = List.of(
                    new Measurement(Metric.GLUCOSE, NOW.minusSeconds(86400), LocalDateTime.ofInstant(NOW.minusSeconds(86400), ZoneOffset.UTC), null, 40, source, null, null),
                    new Measurement(Metric.GLUCOSE, NOW.minusSeconds(3 * 86400), LocalDateTime.ofInstant(NOW.minusSeconds(3 * 86400), ZoneOffset.UTC), null, 45, source, null, null));
            assertThat(summarizer.facts(data(lows, Set.of("insulin")), T, NOW)).as(source.label())
                    .noneMatch(SevereHypoglycaemia.class::isInstance).hasAtLeastOneElementOfType(GlucoseLows.class);
        }
    }

    @Test
    void aReportedLevel3EventCountsOnlyInsideItsWindow() {
        assertThat(summarizer.facts(data(List.of(m(Metric.SEVERE_HYPOGLYCAEMIA_EVENT, NOW.minusSeconds(2 * 86400), 1)), Set.of()), T, NOW))
                .hasAtLeastOneElementOfType(SevereHypoglycaemia.class);
        assertThat(summarizer.facts(data(List.of(m(Metric.SEVERE_HYPOGLYCAEMIA_EVENT, NOW.minusSeconds(9 * 86400), 1)), Set.of()), T, NOW))
                .noneMatch(SevereHypoglycaemia.class::isInstance);
    }

    /** Meter readings at the given minutes before now (oldest first). */
    private static List<Measurement> meterAt(double[] values, long... minutesAgo) {
        List<Measurement> readings = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            readings.add(m(Metric.GLUCOSE, NOW.minusSeconds(60 * minutesAgo[i]), values[i]));
        }
        return readings;
    }

    @Test
    void veryHighGlucoseIsSaidWhenSustainedForTheConfiguredTime() {
        // 305, 340, 320 over 130 minutes: one run above 300 longer than 120 minutes
        List<Object> facts = summarizer.facts(data(meterAt(new double[] {305, 340, 320}, 200, 140, 70), Set.of()), T, NOW);
        VeryHighGlucose high = only(facts, VeryHighGlucose.class);
        assertThat(high.sustained()).isTrue();
        assertThat(high.highest()).isEqualTo(340);
        assertThat(high.readings()).isEqualTo(3);
        assertThat(high.sustainedHours()).isEqualTo(2);
        assertThat(high.type1OnInsulin()).isFalse();
    }

    @Test
    void aLowerReadingOrALongGapBreaksTheRun() {
        List<Object> interrupted = summarizer.facts(data(meterAt(new double[] {305, 250, 320}, 200, 140, 70), Set.of()), T, NOW);
        assertThat(interrupted).noneMatch(VeryHighGlucose.class::isInstance);
        // 7 hours between two readings above 300: two episodes, not one sustained one (max gap 6 h)
        List<Object> gap = summarizer.facts(data(meterAt(new double[] {310, 330}, 600, 180), Set.of()), T, NOW);
        assertThat(gap).noneMatch(VeryHighGlucose.class::isInstance);
        // a single value just below the window of 72 hours is not counted
        List<Object> old = summarizer.facts(data(meterAt(new double[] {400}, 73 * 60), Set.of()), T, NOW);
        assertThat(old).noneMatch(VeryHighGlucose.class::isInstance);
    }

    @Test
    void aSingleVeryHighValueIsSaidInType1DiabetesOnInsulin() {
        PatientData type1 = new PatientData(List.of(), meterAt(new double[] {301}, 30), List.of(),
                new ClinicalContext(true, Set.of("type-1-diabetes"), true, Set.of("insulin"), Map.of()), List.of(), true, 0, List.of());
        VeryHighGlucose high = only(summarizer.facts(type1, T, NOW), VeryHighGlucose.class);
        assertThat(high.type1OnInsulin()).isTrue();
        assertThat(high.sustained()).isFalse();
        assertThat(high.validated()).isTrue();
        // exactly at the limit is not above it
        PatientData atLimit = new PatientData(List.of(), meterAt(new double[] {300}, 30), List.of(),
                new ClinicalContext(true, Set.of("type-1-diabetes"), true, Set.of("insulin"), Map.of()), List.of(), true, 0, List.of());
        assertThat(summarizer.facts(atLimit, T, NOW)).noneMatch(VeryHighGlucose.class::isInstance);
    }
}

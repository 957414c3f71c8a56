package health.flipside.facts.glucose;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import static health.flipside.facts.glucose.GlucoseSummarizerTest.NOW;
import static health.flipside.facts.glucose.GlucoseSummarizerTest.T;
import static health.flipside.facts.glucose.GlucoseSummarizerTest.m;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The high side of glucose: level 2 time above range, sustained meter highs, ketones beside glucose (§2.2, §9b). */
class HyperglycaemiaTest {
    private final GlucoseSummarizer summarizer = new GlucoseSummarizer();

    private static PatientData data(List<Measurement> measurements, Set<String> conditions) {
        return new PatientData(List.of(), measurements, List.of(),
                new ClinicalContext(true, conditions, true, Set.of("insulin"), Map.of()), List.of(), true, 0, List.of());
    }

    private <F> List<F> facts(PatientData data, Class<F> type) {
        return summarizer.facts(data, T, NOW).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Instant daysAgo(double days) {
        return NOW.minusSeconds((long) (days * 86400));
    }

    @Test
    void level2HyperglycaemiaIsJudgedAgainstFivePercentAbove250() {
        Instant end = NOW.minusSeconds(3600);
        List<Measurement> report = new ArrayList<>(List.of(m(Metric.CGM_TIME_IN_RANGE, end, 64),
                m(Metric.CGM_TIME_LOW, end, 1), m(Metric.CGM_TIME_VERY_LOW, end, 0.2), m(Metric.CGM_TIME_HIGH, end, 30),
                m(Metric.CGM_TIME_VERY_HIGH, end, 5), m(Metric.CGM_DAYS_WORN, end, 14), m(Metric.CGM_SENSOR_ACTIVE, end, 90)));
        CgmSummary atLimit = facts(data(report, Set.of()), CgmSummary.class).get(0);
        assertThat(atLimit.veryHighAboveTarget()).as("5%% is not below the <5%% goal").isTrue();
        assertThat(atLimit.aboveRange()).isEqualTo(35);
        report.set(4, m(Metric.CGM_TIME_VERY_HIGH, end, 4.9));
        assertThat(facts(data(report, Set.of()), CgmSummary.class).get(0).veryHighAboveTarget()).isFalse();
    }

    @Test
    void aVendorReportOlderThanAWeekCarriesItsDate() {
        Instant end = Instant.parse("2026-11-05T23:59:00Z");
        List<Measurement> report = List.of(m(Metric.CGM_TIME_IN_RANGE, end, 74), m(Metric.CGM_DAYS_WORN, end, 14));
        CgmSummary old = facts(data(report, Set.of()), CgmSummary.class).get(0);
        assertThat(old.reportDated()).isTrue();
        assertThat(old.reportEnd()).isEqualTo("2026-11-05");
        assertThat(old.hasLevel2Events()).as("a vendor report gives no event count").isFalse();
        List<Measurement> recent = List.of(m(Metric.CGM_TIME_IN_RANGE, daysAgo(2), 74));
        assertThat(facts(data(recent, Set.of()), CgmSummary.class).get(0).reportDated()).isFalse();
    }

    @Test
    void meterHighsNeedThreeDaysAbove250InTheLastWeek() {
        List<Measurement> threeDays = List.of(m(Metric.GLUCOSE, daysAgo(1), 320), m(Metric.GLUCOSE, daysAgo(2), 260),
                m(Metric.GLUCOSE, daysAgo(2.1), 270), m(Metric.GLUCOSE, daysAgo(4), 251), m(Metric.GLUCOSE, daysAgo(5), 140));
        MeterHighs highs = facts(data(threeDays, Set.of()), MeterHighs.class).get(0);
        assertThat(highs.days()).isEqualTo(3);
        assertThat(highs.readings()).isEqualTo(4);
        assertThat(highs.highestText()).isEqualTo("320");
        List<Measurement> boundary = List.of(m(Metric.GLUCOSE, daysAgo(1), 320), m(Metric.GLUCOSE, daysAgo(2), 260),
                m(Metric.GLUCOSE, daysAgo(4), 250), m(Metric.GLUCOSE, daysAgo(9), 300));
        assertThat(facts(data(boundary, Set.of()), MeterHighs.class)).as("250 is not above 250; 9 days ago is outside").isEmpty();
    }

    @Test
    void elevatedBloodKetonesWithHighGlucoseInType1() {
        List<Measurement> all = List.of(m(Metric.BLOOD_KETONES, daysAgo(0.5), 1.5), m(Metric.GLUCOSE, daysAgo(0.7), 310),
                m(Metric.GLUCOSE, daysAgo(1.5), 400));
        Ketones ketones = facts(data(all, Set.of("type-1-diabetes")), Ketones.class).get(0);
        assertThat(ketones.reported()).isTrue();
        assertThat(ketones.elevated()).as("1.5 mmol/L is at the cut-off").isTrue();
        assertThat(ketones.withHighGlucose()).isTrue();
        assertThat(ketones.highestGlucose()).as("400 was a day before: outside 12 h").isEqualTo(310);
        assertThat(ketones.type1()).isTrue();
        assertThat(ketones.bloodValueText()).isEqualTo("1.5");
        Ketones below = facts(data(List.of(m(Metric.BLOOD_KETONES, daysAgo(0.5), 1.4)), Set.of()), Ketones.class).get(0);
        assertThat(below.elevated()).isFalse();
        assertThat(below.withHighGlucose()).isFalse();
        assertThat(below.type1()).isFalse();
    }

    @Test
    void theLatestUrineStripCountsAndModerateIsElevated() {
        List<Measurement> strips = List.of(m(Metric.URINE_KETONES, daysAgo(2), 4), m(Metric.URINE_KETONES, daysAgo(0.2), 3));
        Ketones ketones = facts(data(strips, Set.of()), Ketones.class).get(0);
        assertThat(ketones.blood()).isFalse();
        assertThat(ketones.urine().moderate()).isTrue();
        assertThat(ketones.elevated()).isTrue();
        Ketones trace = facts(data(List.of(m(Metric.URINE_KETONES, daysAgo(0.2), 2)), Set.of()), Ketones.class).get(0);
        assertThat(trace.elevated()).as("small is below moderate").isFalse();
    }

    @Test
    void noKetoneResultInTheWindowIsNone() {
        assertThat(facts(data(List.of(m(Metric.BLOOD_KETONES, daysAgo(4), 3.0)), Set.of()), Ketones.class))
                .containsExactly(Ketones.NONE);
    }
}

package health.flipside.facts.glucose;

import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import static health.flipside.facts.glucose.GlucoseSummarizerTest.NOW;
import static health.flipside.facts.glucose.GlucoseSummarizerTest.T;
import static health.flipside.facts.glucose.GlucoseSummarizerTest.data;
import static health.flipside.facts.glucose.GlucoseSummarizerTest.m;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Level 2 events from raw sensor readings (docs/clinical-sources.md, safety net: < 54 mg/dL for ≥ 15 consecutive
 * minutes, Battelino 2019;
 * Danne 2017): the edges the definition leaves to the implementer.
 */
class CgmEventsTest {
    private static final Instant START = NOW.minusSeconds(6 * 3600);

    /** A 5-minute sensor: 120 mg/dL except at the given reading numbers, which read {@code low}. */
    private static List<Measurement> fiveMinute(int count, double low, int... lowAt) {
        List<Measurement> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            boolean isLow = java.util.Arrays.stream(lowAt).anyMatch(x -> x == n);
            readings.add(m(Metric.SENSOR_GLUCOSE, START.plusSeconds(300L * i), isLow ? low : 120));
        }
        return readings;
    }

    private static List<CgmEvents.Event> events(List<Measurement> readings) {
        return CgmEvents.below(readings, 54, 15, 1.5);
    }

    @Test
    void exactly15MinutesBelow54IsAnEvent() {
        List<CgmEvents.Event> events = events(fiveMinute(40, 50, 10, 11, 12, 13));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).minutes()).isEqualTo(15);
        assertThat(events.get(0).lowest()).isEqualTo(50);
    }

    @Test
    void tenMinutesOrASingleValueIsNot() {
        assertThat(events(fiveMinute(40, 50, 10, 11, 12))).isEmpty();
        assertThat(events(fiveMinute(40, 40, 10))).as("a single value, however low").isEmpty();
    }

    @Test
    void fiftyFourItselfIsNotBelow54() {
        assertThat(events(fiveMinute(40, 54, 10, 11, 12, 13, 14))).isEmpty();
        assertThat(events(fiveMinute(40, 53.9, 10, 11, 12, 13, 14))).hasSize(1);
    }

    @Test
    void aGapLongerThanTheSensorIntervalBreaksTheRun() {
        List<Measurement> readings = new ArrayList<>(fiveMinute(40, 50, 10, 11, 12, 13, 14, 15));
        readings.remove(13); // one missed reading: 10, 11, 12 | gap 10 min | 14, 15 — 10 and 5 minutes, neither 15
        assertThat(events(readings)).isEmpty();
    }

    @Test
    void timingJitterDoesNotBreakTheRun() {
        List<Measurement> readings = new ArrayList<>(fiveMinute(40, 120));
        for (int i = 0; i < 4; i++) { // 20:00, 25:30, 31:00, 36:30: gaps of 5.5 minutes on a 5-minute sensor
            readings.add(m(Metric.SENSOR_GLUCOSE, START.plusSeconds(1200 + 330L * i), 48));
        }
        readings.removeIf(r -> r.value() == 120 && r.takenAt().isAfter(START.plusSeconds(1100)) && r.takenAt().isBefore(START.plusSeconds(2300)));
        assertThat(events(readings)).hasSize(1);
    }

    @Test
    void aRecoveryShorterThan15MinutesDoesNotStartASecondEvent() {
        assertThat(events(fiveMinute(60, 50, 10, 11, 12, 13, 15, 16, 17, 18))).as("5 minutes back above 54").hasSize(1);
        assertThat(events(fiveMinute(60, 50, 10, 11, 12, 13, 18, 19, 20, 21))).as("20 minutes back above 54").hasSize(2);
    }

    @Test
    void aFifteenMinuteSensorNeedsTwoConsecutiveLowReadings() {
        List<Measurement> readings = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            readings.add(m(Metric.SENSOR_GLUCOSE, START.plusSeconds(900L * i), i == 5 || i == 12 || i == 13 ? 51 : 110));
        }
        List<CgmEvents.Event> events = events(readings);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).start()).isEqualTo(START.plusSeconds(900L * 12));
    }

    @Test
    void singleLowSensorValuesOnSeveralDaysAreNoSameDayItemButEventsAre() {
        List<Measurement> dips = new ArrayList<>();
        List<Measurement> sustained = new ArrayList<>();
        for (int day = 1; day <= 3; day++) {
            Instant at = NOW.minusSeconds(day * 86400L);
            for (int i = 0; i < 12; i++) {
                Instant t = at.plusSeconds(300L * i);
                dips.add(m(Metric.SENSOR_GLUCOSE, t, i == 6 ? 45 : 110));
                sustained.add(m(Metric.SENSOR_GLUCOSE, t, i >= 4 && i <= 8 ? 45 : 110));
            }
        }
        GlucoseSummarizer summarizer = new GlucoseSummarizer();
        assertThat(summarizer.facts(data(dips, Set.of("insulin")), T, NOW)).noneMatch(SevereHypoglycaemia.class::isInstance);
        SevereHypoglycaemia severe = summarizer.facts(data(sustained, Set.of("insulin")), T, NOW).stream()
                .filter(SevereHypoglycaemia.class::isInstance).map(SevereHypoglycaemia.class::cast).findFirst().orElseThrow();
        assertThat(severe.level2Days()).isEqualTo(3);
        CgmSummary cgm = summarizer.facts(data(sustained, Set.of("insulin")), T, NOW).stream()
                .filter(CgmSummary.class::isInstance).map(CgmSummary.class::cast).findFirst().orElseThrow();
        assertThat(cgm.level2Events()).isEqualTo(3);
        assertThat(cgm.oneLevel2Event()).isFalse();
    }
}

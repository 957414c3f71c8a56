package health.flipside.facts;

import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.Provenance;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The cross-stream arithmetic of docs/clinical-sources.md, across topics: cleaning, daily medians, baselines,
 * coverage. */
class StreamFactsTest {
    static final DeviceInfo CLINIC_SCALE = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.SCALE, "Example Scale");
    static final DeviceInfo WATCH = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.CUFFLESS, "Example Watch");

    static Measurement at(Metric metric, String localTime, double value, DeviceInfo device) {
        LocalDateTime local = LocalDateTime.parse(localTime);
        return new Measurement(metric, local.toInstant(ZoneOffset.UTC), local, null, value, device, null, null);
    }

    @Nested
    class Cleaning {
        private final MeasurementCleaner cleaner = new MeasurementCleaner(new Thresholds("common", Map.of(
                "bodyWeightPlausibleMin", new Thresholds.Threshold(20, "kg", "test"),
                "bodyWeightPlausibleMax", new Thresholds.Threshold(350, "kg", "test"))));

        @Test
        void implausibleValuesAreDroppedAndCounted() {
            MeasurementCleaner.Cleaned cleaned = cleaner.clean(List.of(
                    at(Metric.BODY_WEIGHT, "2026-11-01T07:00", 80, CLINIC_SCALE),
                    at(Metric.BODY_WEIGHT, "2026-11-02T07:00", 8, CLINIC_SCALE),
                    at(Metric.BODY_WEIGHT, "2026-11-03T07:00", 800, CLINIC_SCALE)));
            assertThat(cleaned.measurements()).extracting(Measurement::value).containsExactly(80.0);
            assertThat(cleaned.implausible()).isEqualTo(2);
        }

        @Test
        void aMeasurementDeliveredByTwoAggregatorsCountsOnceKeepingTheMoreTrustedCopy() {
            MeasurementCleaner.Cleaned cleaned = cleaner.clean(List.of(
                    at(Metric.BODY_WEIGHT, "2026-11-01T07:00", 80, WATCH),
                    at(Metric.BODY_WEIGHT, "2026-11-01T07:00", 80, CLINIC_SCALE),
                    at(Metric.BODY_WEIGHT, "2026-11-01T07:00", 81, CLINIC_SCALE)));
            assertThat(cleaned.duplicates()).isEqualTo(1);
            assertThat(cleaned.measurements()).hasSize(2)
                    .filteredOn(m -> m.value() == 80).singleElement().extracting(Measurement::device).isEqualTo(CLINIC_SCALE);
        }

        @Test
        void aValueThatIsNoFiniteNumberIsImplausibleWhateverTheBounds() {
            MeasurementCleaner.Cleaned cleaned = cleaner.clean(List.of(
                    at(Metric.STEPS, "2026-11-01T23:00", Double.POSITIVE_INFINITY, WATCH),
                    at(Metric.BODY_WEIGHT, "2026-11-02T07:00", Double.NaN, CLINIC_SCALE)));
            assertThat(cleaned.measurements()).isEmpty();
            assertThat(cleaned.implausible()).isEqualTo(2);
        }

        @Test
        void aMetricWithoutBoundsIsKept() {
            assertThat(cleaner.clean(List.of(at(Metric.STEPS, "2026-11-01T23:00", 1_000_000, WATCH))).measurements()).hasSize(1);
        }
    }

    @Nested
    class DailyTrends {
        @Test
        void oneValuePerDayIsTheMedianOfThatDay() {
            NavigableMap<LocalDate, Double> daily = Trends.daily(List.of(
                    at(Metric.RESTING_HEART_RATE, "2026-11-01T01:00", 60, WATCH),
                    at(Metric.RESTING_HEART_RATE, "2026-11-01T02:00", 70, WATCH),
                    at(Metric.RESTING_HEART_RATE, "2026-11-01T03:00", 90, WATCH),
                    at(Metric.RESTING_HEART_RATE, "2026-11-02T01:00", 64, WATCH)));
            assertThat(daily).containsEntry(LocalDate.parse("2026-11-01"), 70.0).containsEntry(LocalDate.parse("2026-11-02"), 64.0);
        }

        @Test
        void theRecentWeekIsComparedWithTheWeeksBeforeIt() {
            NavigableMap<LocalDate, Double> daily = new java.util.TreeMap<>();
            LocalDate today = LocalDate.parse("2026-11-28");
            for (int d = 0; d < 28; d++) {
                daily.put(today.minusDays(d), d < 7 ? 72.0 : 62.0);
            }
            Trends.Comparison c = Trends.recentVsBaseline(daily, today, 7, 21, 5, 21);
            assertThat(c.currentDays()).isEqualTo(7);
            assertThat(c.baselineDays()).isEqualTo(21);
            assertThat(c.sufficient()).isTrue();
            assertThat(c.difference()).isEqualTo(10.0);
        }

        @Test
        void belowTheGateTheComparisonSaysItIsNotSufficient() {
            NavigableMap<LocalDate, Double> daily = new java.util.TreeMap<>();
            LocalDate today = LocalDate.parse("2026-11-28");
            for (int d = 0; d < 4; d++) {
                daily.put(today.minusDays(d), 70.0);
            }
            for (int d = 7; d < 28; d++) {
                daily.put(today.minusDays(d), 60.0);
            }
            assertThat(Trends.recentVsBaseline(daily, today, 7, 21, 5, 21).sufficient()).isFalse();
        }

        @Test
        void theMedianOfAnEvenCountIsTheMiddlePairsMean() {
            assertThat(Trends.median(List.of(1.0, 9.0, 3.0, 5.0))).isEqualTo(4.0);
            assertThat(Trends.median(List.of())).isNaN();
        }
    }

    @Nested
    class CoverageLine {
        @Test
        void readingsDaysGapsAndTheLeastTrustedTier() {
            Provenance p = Coverage.of(List.of(
                    at(Metric.BODY_WEIGHT, "2026-11-01T07:00", 80, CLINIC_SCALE),
                    at(Metric.BODY_WEIGHT, "2026-11-01T19:00", 80, CLINIC_SCALE),
                    at(Metric.BODY_WEIGHT, "2026-11-05T07:00", 80, WATCH)), 14, null);
            assertThat(p.readings()).isEqualTo(3);
            assertThat(p.days()).isEqualTo(2);
            assertThat(p.longestGapDays()).isEqualTo(3);
            assertThat(p.tier()).isEqualTo(DeviceTier.CONSUMER);
            // most trusted first (CardWordingTest reads how the cards word it)
            assertThat(p.source().tiers()).extracting(t -> t.tier().code() + " " + t.devices().get(0).label())
                    .containsExactly("A Example Scale", "C Example Watch");
        }

        @Test
        void noDataHasNoTier() {
            assertThat(Coverage.of(List.of(), 14, null).tier()).isNull();
        }
    }

    @Test
    void aMetricsThresholdKeyIsItsCamelCaseName() {
        assertThat(Metric.BODY_WEIGHT.key()).isEqualTo("bodyWeight");
        assertThat(Metric.CGM_TIME_VERY_LOW.key()).isEqualTo("cgmTimeVeryLow");
    }
}

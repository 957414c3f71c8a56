package health.flipside.facts;

import health.flipside.facts.activity.ActiveMinutes;
import health.flipside.facts.activity.ActivitySummarizer;
import health.flipside.facts.activity.SleepDuration;
import health.flipside.facts.activity.StepCount;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.wearables.FingertipOxygen;
import health.flipside.facts.wearables.RestingHeartRate;
import health.flipside.facts.wearables.RhythmNotifications;
import health.flipside.facts.wearables.UnlistedOxygen;
import health.flipside.facts.wearables.WatchOxygen;
import health.flipside.facts.wearables.WearablesSummarizer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import health.flipside.rules.RuleSet;
import health.flipside.rules.RuleSetLoader;

/** Wearables and activity summaries (docs/clinical-sources.md, wearables, activity and sleep): device eligibility,
 * gates, notifications, medians. */
class WearablesAndActivityTest {
    static final RuleSet RULES = new RuleSetLoader().load(Path.of("rules"));
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final DeviceInfo WATCH = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.CUFFLESS, "Watch");
    static final DeviceInfo FINGERTIP = new DeviceInfo(DeviceTier.VALIDATED, DeviceKind.FINGERTIP_OXIMETER, "Oximeter");
    static final DeviceInfo UNLISTED_FINGERTIP = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.UNKNOWN, "Cheap oximeter");

    static Measurement m(Metric metric, int daysAgo, double value, DeviceInfo device) {
        LocalDateTime local = LocalDateTime.of(2026, 11, 20, 7, 0).minusDays(daysAgo);
        return new Measurement(metric, local.toInstant(ZoneOffset.UTC), local, null, value, device, "Device/x", null);
    }

    static PatientData data(List<Measurement> measurements, Set<String> conditions, boolean conditionsKnown) {
        PatientData chart = new PatientData(List.of(), measurements, List.of(),
                new ClinicalContext(conditionsKnown, conditions, true, Set.of(), Map.of()), List.of(), true, 0, List.of());
        // the patient context as FactBuilder hands it to every topic (chronic lung disease from the conditions)
        return chart.withPatient(PatientContext.of(PatientRecord.UNKNOWN, chart.context(), RULES.thresholds().get("common"), NOW));
    }

    static <F> List<F> of(List<Object> facts, Class<F> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Nested
    class Wearables {
        private final WearablesSummarizer summarizer = new WearablesSummarizer();
        private final Thresholds t = RULES.thresholds().get("wearables");

        @Test
        void onlyValidatedFingertipOximetersCountForTheThreshold() {
            List<Measurement> unlisted = List.of(m(Metric.OXYGEN_SATURATION, 2, 90, UNLISTED_FINGERTIP), m(Metric.OXYGEN_SATURATION, 1, 89, UNLISTED_FINGERTIP));
            List<Object> facts = summarizer.facts(data(unlisted, Set.of(), true), t, NOW);
            assertThat(of(facts, FingertipOxygen.class)).isEmpty();
            assertThat(of(facts, WatchOxygen.class)).as("a finger clip is not a watch").isEmpty();
            assertThat(of(facts, UnlistedOxygen.class)).singleElement().extracting(UnlistedOxygen::lowDays).isEqualTo(2);

            List<Measurement> listed = List.of(m(Metric.OXYGEN_SATURATION, 2, 93, FINGERTIP), m(Metric.OXYGEN_SATURATION, 1, 94, FINGERTIP));
            FingertipOxygen spo2 = of(summarizer.facts(data(listed, Set.of(), true), t, NOW), FingertipOxygen.class).get(0);
            assertThat(spo2.lowReadings()).as("93 is below the 94–98% target (BTS 2017), 94 inside it").isEqualTo(1);
        }

        @Test
        void notificationsOutsideTheLookbackAreNotSurfaced() {
            List<Object> facts = summarizer.facts(data(List.of(m(Metric.IRREGULAR_RHYTHM_NOTIFICATION, 120, 1, WATCH)), Set.of(), true), t, NOW);
            assertThat(of(facts, RhythmNotifications.class)).isEmpty();
        }

        @Test
        void aNotificationKnowsWhetherAfIsAlreadyOnTheProblemList() {
            List<Measurement> irn = List.of(m(Metric.IRREGULAR_RHYTHM_NOTIFICATION, 10, 1, WATCH));
            assertThat(of(summarizer.facts(data(irn, Set.of("atrial-fibrillation"), true), t, NOW), RhythmNotifications.class).get(0).knownAf()).isTrue();
            RhythmNotifications unknownList = of(summarizer.facts(data(irn, Set.of(), false), t, NOW), RhythmNotifications.class).get(0);
            assertThat(unknownList.knownAf()).isFalse();
            assertThat(unknownList.conditionsKnown()).isFalse();
        }

        @Test
        void restingHeartRateNeedsEnoughNightsInBothWindows() {
            List<Measurement> short4 = new ArrayList<>();
            for (int day = 34; day >= 0; day--) {
                if (day >= 7 || day < 4) {
                    short4.add(m(Metric.RESTING_HEART_RATE, day, day < 7 ? 75 : 60, WATCH));
                }
            }
            assertThat(of(summarizer.facts(data(short4, Set.of(), true), t, NOW), RestingHeartRate.class)).as("4 recent nights").isEmpty();
        }

        @Test
        void restingHeartRateNeedsTwentyOneBaselineNightsAndComparesMedians() {
            List<Measurement> baseline20 = new ArrayList<>();
            List<Measurement> baseline21 = new ArrayList<>();
            for (int day = 27; day >= 0; day--) {
                // recent week 0..6; baseline nights 7..26 (20) or 7..27 (21); one outlier night per window
                double value = day < 7 ? (day == 3 ? 95 : 71) : (day == 10 ? 40 : 61);
                if (day <= 26) {
                    baseline20.add(m(Metric.RESTING_HEART_RATE, day, value, WATCH));
                }
                baseline21.add(m(Metric.RESTING_HEART_RATE, day, value, WATCH));
            }
            assertThat(of(summarizer.facts(data(baseline20, Set.of(), true), t, NOW), RestingHeartRate.class))
                    .as("20 baseline nights").isEmpty();
            RestingHeartRate rhr = of(summarizer.facts(data(baseline21, Set.of(), true), t, NOW), RestingHeartRate.class).get(0);
            assertThat(rhr.baselineNights()).isEqualTo(21);
            assertThat(rhr.recentNights()).isEqualTo(7);
            assertThat(rhr.rise()).as("medians, so one outlier night per window moves nothing").isEqualTo(10.0);
        }

        @Test
        void watchSpo2IsTheNightlyMinimumAndNeverFeedsTheFingertipThreshold() {
            List<Measurement> nights = List.of(m(Metric.OXYGEN_SATURATION, 2, 96, WATCH), m(Metric.OXYGEN_SATURATION, 2, 88, WATCH),
                    m(Metric.OXYGEN_SATURATION, 1, 91, WATCH), m(Metric.OXYGEN_SATURATION, 3, 97, WATCH));
            List<Object> facts = summarizer.facts(data(nights, Set.of(), true), t, NOW);
            assertThat(of(facts, FingertipOxygen.class)).isEmpty();
            WatchOxygen watch = of(facts, WatchOxygen.class).get(0);
            assertThat(watch.nights()).isEqualTo(3);
            assertThat(watch.lowNights()).as("88 and 91 below 94; 97 not").isEqualTo(2);
        }

        @Test
        void lowFingertipReadingsOnOneDayCountAsOneDay() {
            List<Measurement> sameDay = List.of(m(Metric.OXYGEN_SATURATION, 2, 90, FINGERTIP), m(Metric.OXYGEN_SATURATION, 2, 91, FINGERTIP),
                    m(Metric.OXYGEN_SATURATION, 1, 97, FINGERTIP));
            FingertipOxygen spo2 = of(summarizer.facts(data(sameDay, Set.of(), true), t, NOW), FingertipOxygen.class).get(0);
            assertThat(spo2.lowReadings()).isEqualTo(2);
            assertThat(spo2.lowDays()).as("two readings, one day: the ≥2-day rule must not fire").isEqualTo(1);
            assertThat(of(summarizer.facts(data(sameDay, Set.of("chronic-lung-disease"), true), t, NOW), FingertipOxygen.class)
                    .get(0).chronicLungDisease()).isTrue();
        }
    }

    @Nested
    class Activity {
        private final ActivitySummarizer summarizer = new ActivitySummarizer();
        private final Thresholds t = RULES.thresholds().get("activity");

        @Test
        void aDaysStepsAreItsHighestCumulativeCountAndTheWeekIsTheMedianDay() {
            List<Measurement> steps = new ArrayList<>();
            for (int day = 5; day >= 1; day--) {
                steps.add(m(Metric.STEPS, day, 2000, WATCH));
                steps.add(m(Metric.STEPS, day, 4000 + day * 1000, WATCH)); // later, cumulative
            }
            StepCount count = of(summarizer.facts(data(steps, Set.of(), true), t, NOW), StepCount.class).get(0);
            assertThat(count.days()).isEqualTo(5);
            assertThat(count.median()).isEqualTo(7000);
        }

        /** A tracker's daily count at the patient's 23:50, on each of the 10 days before {@code now}'s day (UTC-5). */
        private List<Measurement> nightlyCounts(LocalDateTime localNow) {
            List<Measurement> steps = new ArrayList<>();
            for (int day = 1; day <= 10; day++) {
                LocalDateTime at = localNow.toLocalDate().minusDays(day).atTime(23, 50);
                steps.add(new Measurement(Metric.STEPS, at.toInstant(Readings.PATIENT_ZONE), at, null, 8000 + day * 100, WATCH, "Device/x", null));
            }
            return steps;
        }

        @Test
        void theWeekOfStepsIsTheSevenDaysBeforeTodayWhateverTheHourTheChartIsOpened() {
            for (String localNow : List.of("2026-11-20T00:01", "2026-11-20T07:00", "2026-11-20T23:49", "2026-11-20T23:58")) {
                LocalDateTime local = LocalDateTime.parse(localNow);
                StepCount count = of(summarizer.facts(data(nightlyCounts(local), Set.of(), true), t,
                        local.toInstant(Readings.PATIENT_ZONE)), StepCount.class).get(0);
                assertThat(count.days()).as(localNow).isEqualTo(7);
                assertThat(count.median()).as(localNow).isEqualTo(8400); // days 1–7: 8,100 … 8,700
            }
        }

        @Test
        void todaysCountIsNotADayYetAndADayFiledAsAPeriodIsTheDayItCovers() {
            LocalDateTime localNow = LocalDateTime.parse("2026-11-20T09:00");
            List<Measurement> steps = new ArrayList<>();
            for (int day = 1; day <= 4; day++) { // 00:00 to 00:00 totals, as an aggregator files a whole day
                LocalDateTime end = localNow.toLocalDate().minusDays(day - 1).atStartOfDay();
                steps.add(new Measurement(Metric.STEPS, end.toInstant(Readings.PATIENT_ZONE), end,
                        end.minusDays(1).toInstant(Readings.PATIENT_ZONE), 9000, WATCH, "Device/x", null));
            }
            LocalDateTime morning = localNow.minusHours(1); // today's count so far
            steps.add(new Measurement(Metric.STEPS, morning.toInstant(Readings.PATIENT_ZONE), morning, null, 600, WATCH, "Device/x", null));

            StepCount count = of(summarizer.facts(data(steps, Set.of(), true), t, localNow.toInstant(Readings.PATIENT_ZONE)),
                    StepCount.class).get(0);

            assertThat(count.days()).as("yesterday's whole-day total counts, this morning's 600 do not").isEqualTo(4);
            assertThat(count.median()).isEqualTo(9000);
        }

        @Test
        void lastNightIsCountedTheMorningAfter() {
            LocalDateTime localNow = LocalDateTime.parse("2026-11-20T08:00");
            List<Measurement> nights = new ArrayList<>();
            for (int day = 0; day <= 7; day++) { // woke at 06:30 today and on each of the 7 days before
                LocalDateTime woke = localNow.toLocalDate().minusDays(day).atTime(6, 30);
                nights.add(new Measurement(Metric.SLEEP_DURATION, woke.toInstant(Readings.PATIENT_ZONE), woke, null,
                        day == 0 ? 4 : 8, WATCH, "Device/x", null));
            }
            SleepDuration sleep = of(summarizer.facts(data(nights, Set.of(), true), t, localNow.toInstant(Readings.PATIENT_ZONE)),
                    SleepDuration.class).get(0);
            assertThat(sleep.nights()).as("last night and the 6 before it").isEqualTo(7);
        }

        @Test
        void belowTheGatesNothingIsSaid() {
            List<Measurement> few = List.of(m(Metric.STEPS, 1, 1500, WATCH), m(Metric.SLEEP_DURATION, 1, 4, WATCH),
                    m(Metric.ACTIVE_MINUTES, 1, 0, WATCH));
            assertThat(summarizer.facts(data(few, Set.of(), true), t, NOW)).isEmpty();
        }

        @Test
        void sleepIsTheMedianNightAndDaysWithoutActivityRecordsAreNotZeros() {
            List<Measurement> week = new ArrayList<>();
            double[] hours = {6, 5.5, 8, 6.5, 5};
            for (int i = 0; i < hours.length; i++) {
                week.add(m(Metric.SLEEP_DURATION, i + 1, hours[i], WATCH));
                week.add(m(Metric.ACTIVE_MINUTES, i + 1, 20, WATCH));
            }
            List<Object> facts = summarizer.facts(data(week, Set.of(), true), t, NOW);
            assertThat(of(facts, SleepDuration.class).get(0).medianHours()).isEqualTo(6.0);
            assertThat(of(facts, ActiveMinutes.class).get(0).minutesPerWeek()).isEqualTo(140.0);
        }
    }
}

package health.flipside.facts.wearables;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.FactBuilder;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientContext;
import health.flipside.facts.PatientData;
import health.flipside.facts.PatientRecord;
import health.flipside.facts.Thresholds;
import health.flipside.facts.activity.ActiveMinutes;
import health.flipside.facts.activity.ActivitySummarizer;
import health.flipside.facts.activity.SleepDuration;
import health.flipside.facts.activity.StepCount;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceTier;
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

import health.flipside.rules.Finding;
import health.flipside.rules.RuleEngine;
import health.flipside.rules.RuleSet;
import health.flipside.rules.RuleSetLoader;
import health.flipside.rules.Severity;

/**
 * The edges of the wearables and activity topics (docs/clinical-sources.md, wearables, activity and sleep, across
 * topics), summaries and rules together:
 * which SpO2 source may carry a threshold, "≥2 readings on different days", the resting-heart-rate gates and the
 * +10 bpm line, one source per day for steps and sleep, and that wellness findings never rise above info.
 */
class WearablesBoundariesTest {
    static final RuleSet RULES = new RuleSetLoader().load(Path.of("rules"));
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final DeviceInfo WATCH = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.CUFFLESS, "Watch");
    static final DeviceInfo RING = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.CUFFLESS, "Ring");
    static final DeviceInfo FINGERTIP = new DeviceInfo(DeviceTier.VALIDATED, DeviceKind.FINGERTIP_OXIMETER, "Oximeter");
    static final DeviceInfo CLINIC_FINGERTIP = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.FINGERTIP_OXIMETER, "Clinic oximeter");
    static final DeviceInfo UNLISTED = new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.UNKNOWN, "Unlisted oximeter");

    static Measurement m(Metric metric, int daysAgo, int hour, double value, DeviceInfo device) {
        LocalDateTime local = LocalDateTime.of(2026, 11, 20, hour, 0).minusDays(daysAgo);
        String id = device == DeviceInfo.SELF_REPORTED ? null : "Device/" + device.label();
        return new Measurement(metric, local.toInstant(ZoneOffset.UTC), local, null, value, device, id, null);
    }

    static Measurement m(Metric metric, int daysAgo, double value, DeviceInfo device) {
        return m(metric, daysAgo, 7, value, device);
    }

    static PatientData data(List<Measurement> measurements, Set<String> conditions) {
        PatientData chart = new PatientData(List.of(), measurements, List.of(),
                new ClinicalContext(true, conditions, true, Set.of(), Map.of()), List.of(), true, 0, List.of());
        // the patient context as FactBuilder hands it to every topic (chronic lung disease from the conditions)
        return chart.withPatient(PatientContext.of(PatientRecord.UNKNOWN, chart.context(), RULES.thresholds().get("common"), NOW));
    }

    static <F> List<F> of(List<Object> facts, Class<F> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The rules' findings for these facts, with every topic's thresholds in working memory as in production. */
    static List<Finding> fire(List<Object> facts) {
        List<Object> all = new ArrayList<>(RULES.thresholds().values());
        all.addAll(facts);
        return new RuleEngine().evaluate(RULES, all);
    }

    static List<String> ruleIds(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Nested
    class Oxygen {
        private final WearablesSummarizer summarizer = new WearablesSummarizer();
        private final Thresholds t = RULES.thresholds().get("wearables");

        private List<Object> facts(List<Measurement> readings, Set<String> conditions) {
            return summarizer.facts(data(readings, conditions), t, NOW);
        }

        @Test
        void twoLowReadingsOnOneDayAreOneDayAndDoNotWarn() {
            List<Object> facts = facts(List.of(m(Metric.OXYGEN_SATURATION, 3, 8, 91, FINGERTIP),
                    m(Metric.OXYGEN_SATURATION, 3, 20, 90, FINGERTIP), m(Metric.OXYGEN_SATURATION, 2, 96, FINGERTIP)), Set.of());
            FingertipOxygen spo2 = of(facts, FingertipOxygen.class).get(0);
            assertThat(spo2.lowReadings()).isEqualTo(2);
            assertThat(spo2.lowDays()).isEqualTo(1);
            assertThat(fire(facts)).isEmpty();
        }

        @Test
        void lowOnTwoDaysWarnsForTierAAndBAgainstThePatientsOwnTarget() {
            for (DeviceInfo oximeter : List.of(FINGERTIP, CLINIC_FINGERTIP)) {
                List<Measurement> readings = List.of(m(Metric.OXYGEN_SATURATION, 3, 92, oximeter), m(Metric.OXYGEN_SATURATION, 1, 90, oximeter));
                List<Finding> findings = fire(facts(readings, Set.of()));
                assertThat(ruleIds(findings)).as(oximeter.label()).containsExactly("wearables.fingertip-spo2-low");
                assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
                assertThat(fire(facts(readings, Set.of("chronic-lung-disease")))).as("COPD: 88–92% target (BTS 2017)").isEmpty();
                List<Measurement> copdLow = List.of(m(Metric.OXYGEN_SATURATION, 3, 87, oximeter), m(Metric.OXYGEN_SATURATION, 1, 82, oximeter));
                assertThat(ruleIds(fire(facts(copdLow, Set.of("chronic-lung-disease"))))).as("COPD below 88%")
                        .containsExactly("wearables.fingertip-spo2-low");
            }
        }

        @Test
        void aDropFromThePatientsOwnBaselineWarnsInsideTheTargetRange() {
            List<Measurement> readings = new java.util.ArrayList<>();
            for (int day = 40; day >= 20; day -= 2) {
                readings.add(m(Metric.OXYGEN_SATURATION, day, 92, FINGERTIP)); // usual 92% with COPD: 11 baseline days
            }
            readings.add(m(Metric.OXYGEN_SATURATION, 3, 88, FINGERTIP));
            readings.add(m(Metric.OXYGEN_SATURATION, 1, 88, FINGERTIP));
            List<Object> facts = facts(readings, Set.of("chronic-lung-disease"));
            FingertipOxygen spo2 = of(facts, FingertipOxygen.class).get(0);
            assertThat(spo2.baseline()).isEqualTo(92);
            assertThat(spo2.dropFromBaseline()).isEqualTo(4);
            assertThat(ruleIds(fire(facts))).as("inside 88–92 but 4 below the usual").containsExactly("wearables.fingertip-spo2-drop");
            readings.set(readings.size() - 1, m(Metric.OXYGEN_SATURATION, 1, 89, FINGERTIP));
            assertThat(ruleIds(fire(facts(readings, Set.of("chronic-lung-disease"))))).as("median 88.5: 3.5 below").isEmpty();
        }

        @Test
        void aWatchsNightTimeDipsDoNotFlagAHealthyPerson() {
            List<Measurement> nights = new java.util.ArrayList<>();
            double[] minima = {96, 93, 95, 97, 94, 92, 96, 95, 96, 93};
            for (int i = 0; i < minima.length; i++) {
                nights.add(m(Metric.OXYGEN_SATURATION, i + 1, minima[i], WATCH));
            }
            assertThat(of(facts(nights, Set.of()), WatchOxygen.class)).as("usual night 95%: dips to 92–93 are not a finding").isEmpty();
        }

        @Test
        void wearableSpo2IsAlwaysInfoHoweverLow() {
            List<Object> facts = facts(List.of(m(Metric.OXYGEN_SATURATION, 3, 80, WATCH), m(Metric.OXYGEN_SATURATION, 2, 78, RING),
                    m(Metric.OXYGEN_SATURATION, 1, 81, WATCH)), Set.of());
            assertThat(of(facts, FingertipOxygen.class)).isEmpty();
            WatchOxygen watch = of(facts, WatchOxygen.class).get(0);
            assertThat(watch.lowNights()).isEqualTo(3);
            assertThat(watch.rangeText()).isEqualTo("78–81%");
            assertThat(fire(facts)).extracting(Finding::severity).containsExactly(Severity.INFO);
        }

        @Test
        void typedInAndUnlistedSpo2AreTrendOnlyAndNotCalledWatchReadings() {
            // above the safety net's 88 %: trend-only (at 88 % and below it is said as a warning, next test)
            List<Object> facts = facts(List.of(m(Metric.OXYGEN_SATURATION, 3, 90, DeviceInfo.SELF_REPORTED),
                    m(Metric.OXYGEN_SATURATION, 2, 89, UNLISTED), m(Metric.OXYGEN_SATURATION, 1, 97, UNLISTED)), Set.of());
            assertThat(of(facts, WatchOxygen.class)).isEmpty();
            UnlistedOxygen spo2 = of(facts, UnlistedOxygen.class).get(0);
            assertThat(spo2.days()).isEqualTo(3);
            assertThat(spo2.lowDays()).isEqualTo(2);
            assertThat(spo2.selfReported()).isTrue();
            List<Finding> findings = fire(facts);
            assertThat(ruleIds(findings)).containsExactly("wearables.unlisted-spo2-low");
            assertThat(findings.get(0).severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void typedInSpo2AtTheSafetyNetLimitIsAWarningNotATrendLine() {
            List<Object> facts = facts(List.of(m(Metric.OXYGEN_SATURATION, 2, 88, DeviceInfo.SELF_REPORTED),
                    m(Metric.OXYGEN_SATURATION, 1, 89, WATCH)), Set.of());
            VeryLowOxygen spo2 = of(facts, VeryLowOxygen.class).get(0);
            assertThat(spo2.lowest()).isEqualTo(88);
            assertThat(spo2.readings()).isEqualTo(1); // the watch's 89 % is not a fingertip value
            assertThat(spo2.validated()).isFalse();
            List<Finding> findings = fire(facts);
            assertThat(ruleIds(findings)).containsExactlyInAnyOrder("wearables.spo2-very-low", "wearables.watch-spo2-low");
            assertThat(findings).filteredOn(f -> f.ruleId().equals("wearables.spo2-very-low"))
                    .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        }

        @Test
        void trendOnlySpo2AtOrAboveTheHypoxaemiaLineSaysNothing() {
            List<Object> facts = facts(List.of(m(Metric.OXYGEN_SATURATION, 2, 94, WATCH), m(Metric.OXYGEN_SATURATION, 1, 94, UNLISTED)), Set.of());
            assertThat(facts).isEmpty();
        }
    }

    @Nested
    class RestingHeartRateGates {
        private final WearablesSummarizer summarizer = new WearablesSummarizer();
        private final Thresholds t = RULES.thresholds().get("wearables");

        /** Constant nightly values: {@code recent} in the last 7 days (of which {@code recentNights}), {@code baseline} before. */
        private List<Object> facts(int recentNights, int baselineNights, double recent, double baseline) {
            List<Measurement> rhr = new ArrayList<>();
            for (int day = 6 + baselineNights; day >= 7; day--) {
                rhr.add(m(Metric.RESTING_HEART_RATE, day, baseline, WATCH));
            }
            for (int day = recentNights - 1; day >= 0; day--) {
                rhr.add(m(Metric.RESTING_HEART_RATE, day, recent, WATCH));
            }
            return summarizer.facts(data(rhr, Set.of()), t, NOW);
        }

        @Test
        void twentyOneBaselineNightsAreEnoughTwentyAreNot() {
            assertThat(of(facts(7, 20, 75, 60), RestingHeartRate.class)).isEmpty();
            RestingHeartRate rhr = of(facts(7, 21, 75, 60), RestingHeartRate.class).get(0);
            assertThat(rhr.baselineNights()).isEqualTo(21);
            assertThat(rhr.rise()).isEqualTo(15);
        }

        @Test
        void fiveRecentNightsAreEnough() {
            assertThat(of(facts(5, 28, 75, 60), RestingHeartRate.class)).singleElement()
                    .extracting(RestingHeartRate::recentNights).isEqualTo(5);
        }

        @Test
        void theBaselineIsTheMedianOfAtMostTwentyEightNightsBeforeTheWeek() {
            List<Measurement> rhr = new ArrayList<>();
            for (int day = 40; day >= 35; day--) {
                rhr.add(m(Metric.RESTING_HEART_RATE, day, 90, WATCH)); // older than the 28-night baseline: ignored
            }
            for (int day = 34; day >= 7; day--) {
                rhr.add(m(Metric.RESTING_HEART_RATE, day, 60, WATCH));
            }
            for (int day = 6; day >= 0; day--) {
                rhr.add(m(Metric.RESTING_HEART_RATE, day, 66, WATCH));
            }
            RestingHeartRate fact = of(summarizer.facts(data(rhr, Set.of()), t, NOW), RestingHeartRate.class).get(0);
            assertThat(fact.baseline()).isEqualTo(60);
            assertThat(fact.baselineNights()).isEqualTo(28);
        }

        @Test
        void tenBpmAboveTheNormIsSurfacedAsInfoNineIsNot() {
            List<Finding> ten = fire(facts(7, 28, 71, 61));
            assertThat(ruleIds(ten)).containsExactly("wearables.rhr-above-baseline");
            assertThat(ten.get(0).severity()).isEqualTo(Severity.INFO);
            assertThat(fire(facts(7, 28, 70, 61))).isEmpty();
            assertThat(fire(facts(7, 28, 51, 61))).as("a fall is not a rise").isEmpty();
        }
    }

    @Nested
    class Notifications {
        private final WearablesSummarizer summarizer = new WearablesSummarizer();
        private final Thresholds t = RULES.thresholds().get("wearables");

        @Test
        void countDatesAndWordingReadAsASentence() {
            List<Measurement> two = List.of(m(Metric.IRREGULAR_RHYTHM_NOTIFICATION, 49, 2, 1, WATCH),
                    m(Metric.IRREGULAR_RHYTHM_NOTIFICATION, 21, 2, 1, WATCH));
            RhythmNotifications irn = of(summarizer.facts(data(two, Set.of()), t, NOW), RhythmNotifications.class).get(0);
            assertThat(irn.count()).isEqualTo(2);
            assertThat(irn.dates()).isEqualTo("30 Oct, 2 Oct");
            assertThat(irn.one()).isFalse();
            RhythmNotifications one = of(summarizer.facts(data(two.subList(1, 2), Set.of()), t, NOW), RhythmNotifications.class).get(0);
            assertThat(one.one()).isTrue();
        }

        @Test
        void unconfirmedIsTheOnlyWarningKnownAfIsInfo() {
            List<Measurement> irn = List.of(m(Metric.IRREGULAR_RHYTHM_NOTIFICATION, 10, 1, WATCH));
            assertThat(fire(summarizer.facts(data(irn, Set.of()), t, NOW))).singleElement()
                    .satisfies(f -> assertThat(f.ruleId()).isEqualTo("wearables.irn-unconfirmed"))
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
            assertThat(fire(summarizer.facts(data(irn, Set.of("atrial-fibrillation")), t, NOW))).singleElement()
                    .satisfies(f -> assertThat(f.ruleId()).isEqualTo("wearables.irn-known-af"))
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        }
    }

    @Nested
    class OneSourcePerDay {
        private final ActivitySummarizer summarizer = new ActivitySummarizer();
        private final Thresholds t = RULES.thresholds().get("activity");

        private List<Object> facts(List<Measurement> measurements) {
            return summarizer.facts(data(measurements, Set.of()), t, NOW);
        }

        @Test
        void aTypedInNightNeverAddsToTheTrackersNight() {
            List<Measurement> nights = new ArrayList<>();
            for (int day = 5; day >= 1; day--) {
                nights.add(m(Metric.SLEEP_DURATION, day, 7, 5.9, WATCH));
                nights.add(m(Metric.SLEEP_DURATION, day, 21, 7.0, DeviceInfo.SELF_REPORTED));
            }
            SleepDuration sleep = of(facts(nights), SleepDuration.class).get(0);
            assertThat(sleep.medianHours()).isEqualTo(5.9);
            assertThat(sleep.typedInNights()).isZero();
            assertThat(sleep.tracked()).isTrue();
            assertThat(sleep.provenance().readings()).as("only the nights used are counted").isEqualTo(5);
            assertThat(sleep.provenance().tier()).isEqualTo(DeviceTier.CONSUMER);
        }

        @Test
        void aSplitNightFromOneTrackerAddsUp() {
            List<Measurement> nights = new ArrayList<>();
            for (int day = 5; day >= 1; day--) {
                nights.add(m(Metric.SLEEP_DURATION, day, 3, 3.0, WATCH));
                nights.add(m(Metric.SLEEP_DURATION, day, 7, 2.5, WATCH));
            }
            assertThat(of(facts(nights), SleepDuration.class).get(0).medianHours()).isEqualTo(5.5);
        }

        @Test
        void typedInNightsOnlyCountWhenNothingWasMeasured() {
            List<Measurement> nights = new ArrayList<>();
            for (int day = 5; day >= 1; day--) {
                nights.add(m(Metric.SLEEP_DURATION, day, 8, day <= 2 ? 6.0 : 5.0, day <= 2 ? WATCH : DeviceInfo.SELF_REPORTED));
            }
            SleepDuration sleep = of(facts(nights), SleepDuration.class).get(0);
            assertThat(sleep.typedInNights()).isEqualTo(3);
            assertThat(sleep.mixed()).isTrue();
            assertThat(sleep.provenance().tier()).isEqualTo(DeviceTier.SELF_REPORTED);
        }

        @Test
        void twoDevicesOnOneDayAreNotAddedTheMoreTrustedCountsThenTheLarger() {
            List<Measurement> steps = new ArrayList<>();
            for (int day = 4; day >= 1; day--) {
                steps.add(m(Metric.STEPS, day, 23, 8000, WATCH));
                steps.add(m(Metric.STEPS, day, 23, 9000, RING));
                steps.add(m(Metric.STEPS, day, 22, 20000, DeviceInfo.SELF_REPORTED));
            }
            assertThat(of(facts(steps), StepCount.class).get(0).median()).as("ring over watch (tie in trust), never the typed-in 20,000")
                    .isEqualTo(9000);

            List<Measurement> active = new ArrayList<>();
            for (int day = 4; day >= 1; day--) {
                active.add(m(Metric.ACTIVE_MINUTES, day, 18, 20, WATCH));
                active.add(m(Metric.ACTIVE_MINUTES, day, 18, 20, RING));
            }
            assertThat(of(facts(active), ActiveMinutes.class).get(0).minutesPerWeek()).as("20 a day, not 40").isEqualTo(140);
        }

        @Test
        void fourStepDaysAndFiveSleepNightsAreTheGates() {
            List<Measurement> below = new ArrayList<>();
            List<Measurement> at = new ArrayList<>();
            for (int day = 5; day >= 1; day--) {
                if (day <= 3) {
                    below.add(m(Metric.STEPS, day, 23, 3000, WATCH));
                }
                if (day <= 4) {
                    below.add(m(Metric.SLEEP_DURATION, day, 7, 5, WATCH));
                    at.add(m(Metric.STEPS, day, 23, 3000, WATCH));
                }
                at.add(m(Metric.SLEEP_DURATION, day, 7, 5, WATCH));
            }
            assertThat(facts(below)).isEmpty();
            assertThat(facts(at)).hasSize(2);
        }

        @Test
        void activityFindingsAreAlwaysInfoAndTargetsMetSayNothing() {
            List<Measurement> poor = new ArrayList<>();
            List<Measurement> good = new ArrayList<>();
            for (int day = 7; day >= 1; day--) {
                poor.add(m(Metric.STEPS, day, 23, 500, WATCH));
                poor.add(m(Metric.ACTIVE_MINUTES, day, 18, 0, WATCH));
                poor.add(m(Metric.SLEEP_DURATION, day, 7, 3, WATCH));
                good.add(m(Metric.STEPS, day, 23, 7000, WATCH));
                good.add(m(Metric.ACTIVE_MINUTES, day, 18, 22, WATCH)); // 154 a week
                good.add(m(Metric.SLEEP_DURATION, day, 7, 7, WATCH)); // exactly 7 h: not below
            }
            List<Finding> findings = fire(facts(poor));
            assertThat(ruleIds(findings)).containsExactlyInAnyOrder("activity.steps-low", "activity.active-minutes-below-who",
                    "activity.sleep-short");
            assertThat(findings).extracting(Finding::severity).containsOnly(Severity.INFO);
            assertThat(fire(facts(good))).isEmpty();
        }
    }
}

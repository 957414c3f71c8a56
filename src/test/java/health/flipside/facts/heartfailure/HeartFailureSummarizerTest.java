package health.flipside.facts.heartfailure;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.PatientData;
import health.flipside.facts.Thresholds;
import health.flipside.facts.proms.PromScore;
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

/** Heart-failure summaries (docs/clinical-sources.md, heart failure): gate, baseline, confirmation, scale change,
 * KCCQ-12 change. */
class HeartFailureSummarizerTest {
    static final Thresholds T = new RuleSetLoader().load(Path.of("rules")).thresholds().get("heart-failure");
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final DeviceInfo SCALE = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.SCALE, "Scale");
    static final double KG = 0.45359237;
    private final HeartFailureSummarizer summarizer = new HeartFailureSummarizer();

    /** A morning weight (06:30 UTC) {@code daysAgo} days before NOW, in lb, from the given scale. */
    static Measurement weight(int daysAgo, double lb, String scale) {
        LocalDateTime local = LocalDateTime.of(2026, 11, 20, 6, 30).minusDays(daysAgo);
        return new Measurement(Metric.BODY_WEIGHT, local.toInstant(ZoneOffset.UTC), local, null, lb * KG, SCALE, scale, null);
    }

    static List<Measurement> series(String scale, double... recentFromDay6) {
        List<Measurement> all = new ArrayList<>();
        for (int day = 14; day >= 8; day--) {
            all.add(weight(day, 180, scale));
        }
        for (int i = 0; i < recentFromDay6.length; i++) {
            if (recentFromDay6[i] > 0) {
                all.add(weight(6 - i, recentFromDay6[i], scale));
            }
        }
        return all;
    }

    static PatientData data(List<Measurement> weights, List<PromScore> scores, boolean heartFailure) {
        return new PatientData(List.of(), weights, scores, new ClinicalContext(true, heartFailure ? Set.of("heart-failure") : Set.of(),
                true, Set.of("diuretic"), Map.of()), List.of(), true, 0, List.of());
    }

    private HomeWeight weightFact(List<Measurement> weights) {
        return summarizer.facts(data(weights, List.of(), true), T, NOW).stream().filter(HomeWeight.class::isInstance)
                .map(HomeWeight.class::cast).findFirst().orElseThrow();
    }

    @Test
    void aDayGainCountsOnlyWhenTheNextMorningHoldsIt() {
        HomeWeight held = weightFact(series("s", 180, 180, 180, 180, 182.2, 182.1, 182.0));
        assertThat(held.confirmedDayGainLb()).isCloseTo(2.2, within(0.01));
        assertThat(held.gainAlert()).isTrue();
        HomeWeight gone = weightFact(series("s", 180, 180, 180, 180, 182.2, 180.1, 180.0));
        assertThat(gone.confirmedDayGainLb()).isZero();
        assertThat(gone.gainAlert()).isFalse();
    }

    @Test
    void theGainVsBaselineUsesTheMedianOfDays14To8() {
        HomeWeight w = weightFact(series("s", 181, 182, 183, 184, 184.6, 185, 185.2));
        assertThat(w.baselineLb()).isCloseTo(180, within(0.01));
        assertThat(w.gainVsBaselineLb()).isCloseTo(5.2, within(0.01));
        assertThat(w.gainAlert()).as("≥5 lb vs baseline, without any single 2 lb day").isTrue();
    }

    @Test
    void fewerThanFiveMorningsIsBelowTheGate() {
        HomeWeight w = weightFact(series("s", 0, 0, 181, 0, 185, 0, 186));
        assertThat(w.mornings()).isEqualTo(3);
        assertThat(w.gateMet()).isFalse();
        assertThat(w.gainAlert()).as("no inference below the gate").isFalse();
    }

    @Test
    void aNewScaleRestartsTheBaseline() {
        List<Measurement> all = new ArrayList<>(series("old"));
        for (int day = 6; day >= 0; day--) {
            all.add(weight(day, 187, "new"));
        }
        HomeWeight w = weightFact(all);
        assertThat(w.scaleChanged()).isTrue();
        assertThat(w.gateMet()).isFalse();
        assertThat(w.gainAlert()).isFalse();
    }

    @Test
    void withoutHeartFailureAScaleIsNotAFluidMonitor() {
        assertThat(summarizer.facts(data(series("s", 185, 185, 185, 185, 185, 185, 185), List.of(), false), T, NOW)).isEmpty();
    }

    @Test
    void kccqIsComparedWithAnAdministrationAtLeastTwoWeeksEarlier() {
        LocalDateTime t0 = LocalDateTime.of(2026, 10, 23, 19, 0);
        List<PromScore> scores = List.of(score(t0, 68), score(LocalDateTime.of(2026, 11, 12, 19, 0), 60),
                score(LocalDateTime.of(2026, 11, 19, 19, 0), 50));
        KccqChange change = summarizer.facts(data(List.of(), scores, false), T, NOW).stream()
                .filter(KccqChange.class::isInstance).map(KccqChange.class::cast).findFirst().orElseThrow();
        assertThat(change.previous()).as("the one a week earlier is too close").isEqualTo(68);
        assertThat(change.change()).isEqualTo(-18);
        assertThat(change.size()).as("−18 is moderate: large is ≈20 (Spertus 2005), not the mean moderate −16.8").isEqualTo(KccqChangeSize.MODERATE);
        assertThat(change.declined()).isTrue();
    }

    @Test
    void aKccqDeclineOfTwentyIsLarge() {
        List<PromScore> scores = List.of(score(LocalDateTime.of(2026, 10, 23, 19, 0), 70),
                score(LocalDateTime.of(2026, 11, 19, 19, 0), 50));
        KccqChange change = summarizer.facts(data(List.of(), scores, false), T, NOW).stream()
                .filter(KccqChange.class::isInstance).map(KccqChange.class::cast).findFirst().orElseThrow();
        assertThat(change.change()).isEqualTo(-20);
        assertThat(change.size()).isEqualTo(KccqChangeSize.LARGE);
    }

    @Test
    void aKccqChangeExactlyAtAThresholdReachesIt() {
        List<PromScore> scores = List.of(score(LocalDateTime.of(2026, 10, 23, 19, 0), 40.3),
                score(LocalDateTime.of(2026, 11, 19, 19, 0), 30.3));
        KccqChange change = summarizer.facts(data(List.of(), scores, false), T, NOW).stream()
                .filter(KccqChange.class::isInstance).map(KccqChange.class::cast).findFirst().orElseThrow();
        assertThat(change.change()).as("40.3 − 30.3 in binary is 9.999…").isEqualTo(-10);
        assertThat(change.size()).isEqualTo(KccqChangeSize.MODERATE);
    }

    @Test
    void aKccqScoreOnACutPointIsReadIntoTheBandAboveItAndTheBandsTheViewDrawsMeetEndToEnd() {
        List<HeartFailureSummarizer.KccqRange> bands = HeartFailureSummarizer.kccqBands(T);

        assertThat(bands.get(0).from()).isZero();
        assertThat(bands.get(bands.size() - 1).to()).isEqualTo(T.get("kccqScoreMax"));
        for (int i = 0; i < bands.size(); i++) {
            HeartFailureSummarizer.KccqRange band = bands.get(i);
            if (i > 0) {
                assertThat(band.from()).isEqualTo(bands.get(i - 1).to());
            }
            assertThat(HeartFailureSummarizer.kccqBand(band.from(), T)).as("at " + band.from()).isEqualTo(band.band());
            assertThat(HeartFailureSummarizer.kccqBand(band.to() - 0.5, T)).as("below " + band.to()).isEqualTo(band.band());
        }
        assertThat(HeartFailureSummarizer.kccqBand(T.get("kccqScoreMax"), T)).isEqualTo(KccqBand.GOOD_TO_EXCELLENT);
        assertThat(HeartFailureSummarizer.kccqBand(T.get("kccqBandFair") - 0.1, T)).isEqualTo(KccqBand.POOR_TO_FAIR);
    }

    private static PromScore score(LocalDateTime at, double value) {
        return new PromScore("KCCQ-12", "overall summary", value, at.toInstant(ZoneOffset.UTC), at, true, Map.of());
    }
}

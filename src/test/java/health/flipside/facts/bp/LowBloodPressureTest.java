package health.flipside.facts.bp;

import health.flipside.facts.ClinicalContext;
import static health.flipside.facts.bp.BloodPressureSummarizerTest.NOW;
import static health.flipside.facts.bp.BloodPressureSummarizerTest.protocol;
import static health.flipside.facts.Readings.CLINIC_ARM;
import static health.flipside.facts.Readings.CONSUMER_CUFF;
import static health.flipside.facts.Readings.home;
import static health.flipside.facts.Readings.office;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Low home blood pressure and over-treatment (issue 14), and dating an old office mean. */
class LowBloodPressureTest {
    private final BloodPressureSummarizer summarizer = new BloodPressureSummarizer(BpThresholds.standard());

    private static ClinicalContext symptom(String at) {
        Map<String, Instant> recorded = at == null ? Map.of() : Map.of("hypotension-symptom", Instant.parse(at));
        return new ClinicalContext(true, Set.of(), true, Set.of(), recorded);
    }

    private Optional<LowBloodPressure> low(List<BloodPressureReading> readings, ClinicalContext context) {
        return summarizer.low(summarizer.home(readings, NOW), readings, context, NOW);
    }

    @Test
    void aGatedHomeMeanBelow90Over60IsLow() {
        LowBloodPressure low = low(protocol(CLINIC_ARM, 88, 62, 17, 18, 19), symptom(null)).orElseThrow();
        assertThat(low.meanLow()).isTrue();
        assertThat(low.meanSystolic()).isEqualTo(88);
        assertThat(low.symptomatic()).isFalse();
        assertThat(low(protocol(CLINIC_ARM, 112, 59, 17, 18, 19), symptom(null))).as("diastolic alone below 60").isPresent();
        assertThat(low(protocol(CLINIC_ARM, 90, 60, 17, 18, 19), symptom(null))).as("90/60 itself is not below").isEmpty();
    }

    @Test
    void aLowMeanNeedsTheGate() {
        assertThat(low(protocol(CLINIC_ARM, 85, 55, 18, 19), symptom(null))).as("8 readings on 2 days, no symptom").isEmpty();
    }

    @Test
    void aLowReadingWithARecordedSymptomIsSymptomaticLows() {
        List<BloodPressureReading> readings = new ArrayList<>(protocol(CLINIC_ARM, 118, 72, 16, 17, 18, 19));
        readings.add(home("2026-11-18T08:10", 84, 52, CLINIC_ARM));
        LowBloodPressure low = low(readings, symptom("2026-11-18T14:00:00Z")).orElseThrow();
        assertThat(low.meanLow()).isFalse();
        assertThat(low.symptomatic()).isTrue();
        assertThat(low.lowReadings()).isEqualTo(1);
        assertThat(low.lowest()).isEqualTo("84/52");
        assertThat(low.lowestAt()).isEqualTo("18 Nov 08:10");
        assertThat(low.symptomOn()).isEqualTo("2026-11-18");
        assertThat(low(readings, symptom(null))).as("a low reading without a symptom").isEmpty();
        assertThat(low(readings, symptom("2026-10-01T14:00:00Z"))).as("a symptom outside the 14 days").isEmpty();
    }

    @Test
    void anUnvalidatedCuffsLowReadingIsNotSymptomaticLows() {
        List<BloodPressureReading> readings = new ArrayList<>(protocol(CLINIC_ARM, 118, 72, 16, 17, 18));
        readings.add(home("2026-11-18T08:10", 80, 50, CONSUMER_CUFF));
        assertThat(low(readings, symptom("2026-11-18T14:00:00Z"))).isEmpty();
    }

    @Test
    void anOfficeMeanOlderThan90DaysIsDated() {
        OfficeBloodPressure old = summarizer.office(List.of(office("2026-05-12T10:00", 146, 92), office("2026-04-02T10:00", 144, 90)), NOW)
                .map(o -> summarizer.dated(o, NOW)).orElseThrow();
        assertThat(old.dated()).isTrue();
        assertThat(old.lastVisitMonth()).isEqualTo("2026-05");
        OfficeBloodPressure recent = summarizer.office(List.of(office("2026-08-23T10:00", 126, 78)), NOW)
                .map(o -> summarizer.dated(o, NOW)).orElseThrow();
        assertThat(recent.dated()).as("89 days before 20 Nov").isFalse();
    }
}

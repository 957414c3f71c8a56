package health.flipside.facts.bp;

import health.flipside.facts.provenance.DeviceTier;
import static health.flipside.facts.Readings.CLINIC_ARM;
import static health.flipside.facts.Readings.CONSUMER_CUFF;
import static health.flipside.facts.Readings.VALIDATED_ARM;
import static health.flipside.facts.Readings.home;
import static health.flipside.facts.Readings.office;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plausibility and de-duplication of blood-pressure readings (rules/README.md "Cleaning"). */
class BloodPressureCleanerTest {
    private final BloodPressureCleaner cleaner = new BloodPressureCleaner(BpThresholds.standard());

    @Test
    @DisplayName("plausible, distinct readings are all kept and nothing is counted as dropped")
    void keepsPlausibleReadings() {
        List<BloodPressureReading> readings = List.of(
                home("2026-11-18T07:30", 132, 84, CLINIC_ARM),
                home("2026-11-18T20:30", 128, 82, CLINIC_ARM));

        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(readings);

        assertThat(cleaned.readings()).containsExactlyElementsOf(readings);
        assertThat(cleaned.implausible()).isZero();
        assertThat(cleaned.duplicates()).isZero();
    }

    @ParameterizedTest(name = "{0}/{1} dropped")
    @DisplayName("readings outside the plausible ranges of thresholds.yaml are dropped and counted")
    @CsvSource({
            "59, 40",    // systolic below plausibleSystolicMin 60
            "261, 100",  // systolic above plausibleSystolicMax 260
            "120, 29",   // diastolic below plausibleDiastolicMin 30
            "200, 161",  // diastolic above plausibleDiastolicMax 160
            "0, 0"
    })
    void dropsImplausibleValues(double systolic, double diastolic) {
        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(
                home("2026-11-18T07:30", systolic, diastolic, CLINIC_ARM),
                home("2026-11-18T07:35", 130, 80, CLINIC_ARM)));

        assertThat(cleaned.readings()).extracting(BloodPressureReading::systolic).containsExactly(130.0);
        assertThat(cleaned.implausible()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}/{1} kept")
    @DisplayName("the plausible-range limits themselves are inclusive")
    @CsvSource({"60, 30", "260, 160"})
    void keepsValuesOnTheLimits(double systolic, double diastolic) {
        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(home("2026-11-18T07:30", systolic, diastolic, CLINIC_ARM)));

        assertThat(cleaned.readings()).hasSize(1);
        assertThat(cleaned.implausible()).isZero();
    }

    @ParameterizedTest(name = "{0}/{1} dropped")
    @DisplayName("systolic not above diastolic (swapped or equal fields) is dropped")
    @CsvSource({"80, 80", "80, 120"})
    void dropsSystolicNotAboveDiastolic(double systolic, double diastolic) {
        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(home("2026-11-18T07:30", systolic, diastolic, CLINIC_ARM)));

        assertThat(cleaned.readings()).isEmpty();
        assertThat(cleaned.implausible()).isEqualTo(1);
    }

    @Test
    @DisplayName("one measurement delivered twice in the same minute counts once, keeping the most trusted copy")
    void sameMinuteDuplicateKeepsMostTrustedTier() {
        // The consumer-tier copy comes first, as when a phone app syncs before the clinic's hub.
        BloodPressureReading fromApp = home("2026-11-18T07:30:05", 132, 84, CONSUMER_CUFF);
        BloodPressureReading fromHub = home("2026-11-18T07:30:50", 132, 84, CLINIC_ARM);

        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(fromApp, fromHub));

        assertThat(cleaned.readings()).containsExactly(fromHub);
        assertThat(cleaned.duplicates()).isEqualTo(1);
        assertThat(cleaned.implausible()).isZero();
    }

    @Test
    @DisplayName("three copies of one measurement (tiers C, B, A) leave the tier A copy and count two duplicates")
    void threeCopies() {
        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(
                home("2026-11-18T07:30", 132, 84, CONSUMER_CUFF),
                home("2026-11-18T07:30", 132, 84, VALIDATED_ARM),
                home("2026-11-18T07:30", 132, 84, CLINIC_ARM)));

        assertThat(cleaned.readings()).extracting(r -> r.device().tier()).containsExactly(DeviceTier.CLINIC_ISSUED);
        assertThat(cleaned.duplicates()).isEqualTo(2);
    }

    @Test
    @DisplayName("the same values a minute apart, or other values in the same minute, are separate readings")
    void notDuplicates() {
        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(
                home("2026-11-18T07:30", 132, 84, CLINIC_ARM),
                home("2026-11-18T07:31", 132, 84, CLINIC_ARM),
                home("2026-11-18T07:30", 131, 84, CLINIC_ARM)));

        assertThat(cleaned.readings()).hasSize(3);
        assertThat(cleaned.duplicates()).isZero();
    }

    @Test
    @DisplayName("a home and an office reading with the same minute and values are not merged")
    void homeAndOfficeAreNotMerged() {
        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(
                home("2026-11-18T09:00", 132, 84, CLINIC_ARM),
                office("2026-11-18T09:00", 132, 84)));

        assertThat(cleaned.readings()).extracting(BloodPressureReading::setting)
                .containsExactlyInAnyOrder(BloodPressureReading.Setting.HOME, BloodPressureReading.Setting.OFFICE);
    }

    @Test
    @DisplayName("kept readings come back in time order, with implausible and duplicate counts side by side")
    void sortedByTimeWithBothCounts() {
        BloodPressureCleaner.Cleaned cleaned = cleaner.clean(List.of(
                home("2026-11-19T07:30", 140, 90, CLINIC_ARM),
                home("2026-11-17T07:30", 120, 80, CLINIC_ARM),
                home("2026-11-18T07:30", 300, 80, CLINIC_ARM),
                home("2026-11-17T07:30", 120, 80, VALIDATED_ARM),
                home("2026-11-18T07:30", 130, 85, CLINIC_ARM)));

        assertThat(cleaned.readings()).extracting(BloodPressureReading::systolic).containsExactly(120.0, 130.0, 140.0);
        assertThat(cleaned.implausible()).isEqualTo(1);
        assertThat(cleaned.duplicates()).isEqualTo(1);
    }
}

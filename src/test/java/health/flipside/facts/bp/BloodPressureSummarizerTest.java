package health.flipside.facts.bp;

import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.Provenance;
import static health.flipside.facts.Readings.CLINIC_ARM;
import static health.flipside.facts.Readings.CONSUMER_CUFF;
import static health.flipside.facts.Readings.VALIDATED_ARM;
import static health.flipside.facts.Readings.VALIDATED_WRIST;
import static health.flipside.facts.Readings.WATCH;
import static health.flipside.facts.Readings.home;
import static health.flipside.facts.Readings.office;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Home and office blood-pressure summaries (rules/README.md "How the numbers are made", docs/clinical-sources.md,
 * home blood pressure). */
class BloodPressureSummarizerTest {
    /** Noon on 20 Nov 2026 for the patient, who lives at UTC-5. */
    static final Instant NOW = Instant.parse("2026-11-20T17:00:00Z");

    private final BloodPressureSummarizer summarizer = new BloodPressureSummarizer(BpThresholds.standard());

    /** Two morning and two evening readings a day on each given day of November 2026, all with the same values. */
    static List<BloodPressureReading> protocol(DeviceInfo device, double systolic, double diastolic, int... days) {
        List<BloodPressureReading> readings = new ArrayList<>();
        for (int day : days) {
            String date = LocalDate.of(2026, 11, day).toString();
            for (String time : List.of("T07:00", "T07:05", "T21:00", "T21:05")) {
                readings.add(home(date + time, systolic, diastolic, device));
            }
        }
        return readings;
    }

    @Nested
    @DisplayName("data-sufficiency gate")
    class Gate {
        @Test
        @DisplayName("12 qualifying readings on 3 days meet the gate")
        void metWithTwelveReadingsOnThreeDays() {
            HomeBloodPressure home = summarizer.home(protocol(CLINIC_ARM, 132, 84, 17, 18, 19), NOW);

            assertThat(home.anyHomeReading()).isTrue();
            assertThat(home.readings()).isEqualTo(12);
            assertThat(home.days()).isEqualTo(3);
            assertThat(home.gateMet()).isTrue();
            assertThat(home.readingsShort()).isZero();
            assertThat(home.daysShort()).isZero();
        }

        @Test
        @DisplayName("11 readings on 3 days: not met, 1 reading short")
        void oneReadingShort() {
            List<BloodPressureReading> readings = protocol(CLINIC_ARM, 132, 84, 17, 18, 19);
            readings.remove(0);

            HomeBloodPressure home = summarizer.home(readings, NOW);

            assertThat(home.gateMet()).isFalse();
            assertThat(home.readingsShort()).isEqualTo(1);
            assertThat(home.daysShort()).isZero();
        }

        @Test
        @DisplayName("12 readings on 2 days: not met, 1 day short")
        void oneDayShort() {
            List<BloodPressureReading> readings = new ArrayList<>(protocol(CLINIC_ARM, 132, 84, 18, 19));
            readings.addAll(protocol(CLINIC_ARM, 132, 84, 19));

            HomeBloodPressure home = summarizer.home(readings, NOW);

            assertThat(home.readings()).isEqualTo(12);
            assertThat(home.days()).isEqualTo(2);
            assertThat(home.gateMet()).isFalse();
            assertThat(home.readingsShort()).isZero();
            assertThat(home.daysShort()).isEqualTo(1);
        }

        @Test
        @DisplayName("no home readings: nothing met, the whole gate short, no severe reading, no 'not used' line")
        void noReadings() {
            HomeBloodPressure home = summarizer.home(List.of(office("2026-11-01T10:00", 140, 90)), NOW);

            assertThat(home.anyHomeReading()).isFalse();
            assertThat(home.readings()).isZero();
            assertThat(home.gateMet()).isFalse();
            assertThat(home.readingsShort()).isEqualTo(12);
            assertThat(home.daysShort()).isEqualTo(3);
            assertThat(home.hasSevereReading()).isFalse();
            assertThat(home.provenance().hasReadings()).isFalse();
            assertThat(home.provenance().notUsed()).isNull();
        }

        @Test
        @DisplayName("morning and evening minimums, when staff set them, are part of the gate")
        void morningAndEveningMinimums() {
            BloodPressureSummarizer strict = new BloodPressureSummarizer(
                    BpThresholds.with(Map.of("gateMorningMin", 6.0, "gateEveningMin", 6.0)));
            // 12 readings on 3 days, but only 3 in the evening.
            List<BloodPressureReading> readings = new ArrayList<>();
            for (int day = 17; day <= 19; day++) {
                readings.add(home("2026-11-" + day + "T07:00", 132, 84, CLINIC_ARM));
                readings.add(home("2026-11-" + day + "T07:05", 132, 84, CLINIC_ARM));
                readings.add(home("2026-11-" + day + "T08:00", 132, 84, CLINIC_ARM));
                readings.add(home("2026-11-" + day + "T21:00", 132, 84, CLINIC_ARM));
            }

            HomeBloodPressure home = strict.home(readings, NOW);
            HomeBloodPressure balanced = strict.home(protocol(CLINIC_ARM, 132, 84, 17, 18, 19), NOW);

            assertThat(home.readingsShort()).isZero();
            assertThat(home.daysShort()).isZero();
            assertThat(home.gateMet()).as("9 morning, 3 evening").isFalse();
            assertThat(balanced.gateMet()).as("6 morning, 6 evening").isTrue();
        }
    }

    @Nested
    @DisplayName("window and local time")
    class Window {
        @Test
        @DisplayName("the window is [now - homeWindowDays, now]: older and future readings are left out")
        void windowBounds() {
            // NOW - 28 days is 23 Oct 12:00 local time.
            List<BloodPressureReading> readings = List.of(
                    home("2026-10-23T12:00", 130, 80, CLINIC_ARM),
                    home("2026-10-23T11:59", 200, 100, CLINIC_ARM),
                    home("2026-11-20T12:01", 200, 100, CLINIC_ARM));

            HomeBloodPressure home = summarizer.home(readings, NOW);

            assertThat(home.readings()).isEqualTo(1);
            assertThat(home.meanSystolic()).isEqualTo(130);
        }

        @Test
        @DisplayName("morning and evening follow the patient's local clock, not UTC")
        void morningEveningByLocalTime() {
            // 07:00 local is 12:00 UTC; 21:30 local on the 18th is already the 19th in UTC.
            List<BloodPressureReading> readings = List.of(
                    home("2026-11-18T07:00", 130, 80, CLINIC_ARM),
                    home("2026-11-18T11:59", 130, 80, CLINIC_ARM),
                    home("2026-11-18T12:00", 130, 80, CLINIC_ARM),
                    home("2026-11-18T21:30", 130, 80, CLINIC_ARM));

            HomeBloodPressure home = summarizer.home(readings, NOW);

            assertThat(home.morningReadings()).isEqualTo(2);
            assertThat(home.eveningReadings()).isEqualTo(2);
            assertThat(home.days()).as("all four on the patient's 18 November").isEqualTo(1);
        }

        @Test
        @DisplayName("days are counted by local date: the same UTC day can be two patient days")
        void daysByLocalDate() {
            // 2026-11-19T02:00Z is 18 Nov 21:00 local; 2026-11-19T13:00Z is 19 Nov 08:00 local.
            LocalDateTime evening = LocalDateTime.parse("2026-11-18T21:00");
            LocalDateTime morning = LocalDateTime.parse("2026-11-19T08:00");
            List<BloodPressureReading> readings = List.of(
                    new BloodPressureReading(Instant.parse("2026-11-19T02:00:00Z"), evening, 130, 80,
                            BloodPressureReading.Setting.HOME, CLINIC_ARM),
                    new BloodPressureReading(Instant.parse("2026-11-19T13:00:00Z"), morning, 130, 80,
                            BloodPressureReading.Setting.HOME, CLINIC_ARM));

            assertThat(summarizer.home(readings, NOW).days()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("which readings count")
    class Qualifying {
        @Test
        @DisplayName("only tier A/B upper-arm cuffs enter the mean; cuffless and other readings are counted apart")
        void cufflessAndUnqualifiedCounts() {
            List<BloodPressureReading> readings = new ArrayList<>(protocol(CLINIC_ARM, 132, 84, 17, 18, 19));
            readings.add(home("2026-11-19T09:00", 170, 100, WATCH));
            readings.add(home("2026-11-19T10:00", 171, 101, WATCH));
            readings.add(home("2026-11-19T11:00", 172, 102, CONSUMER_CUFF));
            readings.add(home("2026-11-19T11:10", 173, 103, DeviceInfo.SELF_REPORTED));
            readings.add(home("2026-11-19T11:20", 174, 104, VALIDATED_WRIST));

            HomeBloodPressure home = summarizer.home(readings, NOW);

            assertThat(home.readings()).isEqualTo(12);
            assertThat(home.cufflessReadings()).isEqualTo(2);
            assertThat(home.unqualifiedReadings()).as("consumer cuff, self-reported and wrist cuff").isEqualTo(3);
            assertThat(home.meanSystolic()).isEqualTo(132);
            assertThat(home.meanDiastolic()).isEqualTo(84);
            assertThat(home.provenance().notUsed()).isEqualTo(new Provenance.NotUsed(2, 3, false));
        }

        @Test
        @DisplayName("only cuffless readings: a home reading exists but none qualifies")
        void onlyCuffless() {
            HomeBloodPressure home = summarizer.home(List.of(home("2026-11-19T09:00", 125, 80, WATCH)), NOW);

            assertThat(home.anyHomeReading()).isTrue();
            assertThat(home.readings()).isZero();
            assertThat(home.cufflessReadings()).isEqualTo(1);
            assertThat(home.unqualifiedReadings()).isZero();
            assertThat(home.provenance().notUsed()).isEqualTo(new Provenance.NotUsed(1, 0, false));
        }

        @Test
        @DisplayName("office readings are never home readings")
        void officeIsNotHome() {
            List<BloodPressureReading> readings = new ArrayList<>(protocol(CLINIC_ARM, 120, 70, 17, 18, 19));
            readings.add(office("2026-11-19T10:00", 190, 110));

            HomeBloodPressure home = summarizer.home(readings, NOW);

            assertThat(home.readings()).isEqualTo(12);
            assertThat(home.meanSystolic()).isEqualTo(120);
            assertThat(home.hasSevereReading()).isFalse();
        }
    }

    @Nested
    @DisplayName("means, gaps and provenance")
    class Means {
        @Test
        @DisplayName("means are rounded half up to whole mm[Hg]")
        void meansRoundHalfUp() {
            HomeBloodPressure half = summarizer.home(List.of(
                    home("2026-11-19T07:00", 131, 84, CLINIC_ARM),
                    home("2026-11-19T07:05", 132, 85, CLINIC_ARM)), NOW);
            HomeBloodPressure third = summarizer.home(List.of(
                    home("2026-11-19T07:00", 130, 80, CLINIC_ARM),
                    home("2026-11-19T07:05", 130, 80, CLINIC_ARM),
                    home("2026-11-19T07:10", 131, 81, CLINIC_ARM)), NOW);

            assertThat(half.meanSystolic()).as("131.5").isEqualTo(132);
            assertThat(half.meanDiastolic()).as("84.5").isEqualTo(85);
            assertThat(third.meanSystolic()).as("130.33").isEqualTo(130);
            assertThat(third.meanDiastolic()).as("80.33").isEqualTo(80);
        }

        @Test
        @DisplayName("the longest gap is the longest run of days without a reading between two reading days")
        void longestGap() {
            HomeBloodPressure home = summarizer.home(protocol(CLINIC_ARM, 130, 80, 1, 2, 6, 7, 9), NOW);

            assertThat(home.provenance().longestGapDays()).as("3, 4 and 5 November").isEqualTo(3);
            assertThat(home.provenance().hasGap()).isTrue();
        }

        @Test
        @DisplayName("consecutive days have no gap")
        void noGap() {
            HomeBloodPressure home = summarizer.home(protocol(CLINIC_ARM, 130, 80, 17, 18, 19), NOW);

            assertThat(home.provenance().longestGapDays()).isZero();
            assertThat(home.provenance().hasGap()).isFalse();
        }

        @Test
        @DisplayName("provenance names each tier, most trusted first, with its devices, readings, days and window")
        void provenanceLabel() {
            List<BloodPressureReading> readings = new ArrayList<>(protocol(VALIDATED_ARM, 130, 80, 17));
            readings.addAll(protocol(CLINIC_ARM, 130, 80, 18, 19));

            Provenance provenance = summarizer.home(readings, NOW).provenance();

            // most trusted first, each device once (CardWordingTest reads how the cards word it)
            assertThat(provenance.source().tiers()).extracting(t -> t.tier().code() + " " + t.devices().get(0).label())
                    .containsExactly("A Omron Healthcare HEM-9200T", "B A&D Medical UA-651BLE");
            assertThat(provenance.readings()).isEqualTo(12);
            assertThat(provenance.days()).isEqualTo(3);
            assertThat(provenance.windowDays()).isEqualTo(28);
            assertThat(provenance.notUsed()).isNull();
        }
    }

    @Nested
    @DisplayName("severe reading")
    class Severe {
        static Stream<Arguments> candidates() {
            return Stream.of(
                    Arguments.of("tier A upper-arm 182/95 yesterday", home("2026-11-19T12:00", 182, 95, CLINIC_ARM), true),
                    Arguments.of("tier B upper-arm 180/90 (limit inclusive)", home("2026-11-19T12:00", 180, 90, VALIDATED_ARM), true),
                    Arguments.of("diastolic 120 alone", home("2026-11-19T12:00", 150, 120, CLINIC_ARM), true),
                    Arguments.of("validated wrist cuff", home("2026-11-19T12:00", 185, 100, VALIDATED_WRIST), true),
                    Arguments.of("179/119 is below both limits", home("2026-11-19T12:00", 179, 119, CLINIC_ARM), false),
                    Arguments.of("consumer cuff", home("2026-11-19T12:00", 200, 110, CONSUMER_CUFF), false),
                    Arguments.of("cuffless watch", home("2026-11-19T12:00", 200, 110, WATCH), false),
                    Arguments.of("self-reported", home("2026-11-19T12:00", 200, 110, DeviceInfo.SELF_REPORTED), false),
                    Arguments.of("office reading", office("2026-11-19T12:00", 200, 110), false),
                    Arguments.of("just inside 72 h", home("2026-11-17T12:00", 190, 100, CLINIC_ARM), true),
                    Arguments.of("just outside 72 h", home("2026-11-17T11:59", 190, 100, CLINIC_ARM), false),
                    Arguments.of("in the future", home("2026-11-20T12:01", 190, 100, CLINIC_ARM), false));
        }

        @ParameterizedTest(name = "{0} → severe: {2}")
        @MethodSource("candidates")
        @DisplayName("only validated cuffs, at or above 180/120, in the last 72 hours")
        void severeOnlyFromValidatedCuffsInWindow(String description, BloodPressureReading reading, boolean severe) {
            HomeBloodPressure home = summarizer.home(List.of(reading), NOW);

            assertThat(home.hasSevereReading()).isEqualTo(severe);
        }

        @Test
        @DisplayName("the highest severe reading is reported, with local time and device label")
        void highestReported() {
            HomeBloodPressure home = summarizer.home(List.of(
                    home("2026-11-18T08:15", 182, 95, CLINIC_ARM),
                    home("2026-11-19T07:30", 195, 121, VALIDATED_ARM),
                    home("2026-11-19T21:00", 181, 90, CLINIC_ARM)), NOW);

            HomeBloodPressure.SevereReading severe = home.severeReading();
            assertThat(severe.systolic()).isEqualTo(195);
            assertThat(severe.diastolic()).isEqualTo(121);
            assertThat(severe.device().label()).isEqualTo("A&D Medical UA-651BLE");
            // Day and time as the patient's clock showed them (07:30 at UTC-5, not 12:30 UTC).
            assertThat(severe.takenAt()).startsWith("19 ").endsWith(" 07:30");
        }
    }

    @Nested
    @DisplayName("office blood pressure")
    class Office {
        @Test
        @DisplayName("the mean of every reading of the last 2 visits in the look-back")
        void meanOfLastVisits() {
            List<BloodPressureReading> readings = List.of(
                    office("2026-09-01T10:00", 170, 100),
                    office("2026-10-01T10:00", 132, 84),
                    office("2026-11-01T10:00", 140, 90),
                    office("2026-11-01T10:10", 136, 88),
                    home("2026-11-19T07:00", 100, 60, CLINIC_ARM));

            Optional<OfficeBloodPressure> office = summarizer.office(readings, NOW);

            assertThat(office).isPresent();
            assertThat(office.get().meanSystolic()).as("(132 + 140 + 136) / 3").isEqualTo(136);
            assertThat(office.get().meanDiastolic()).as("(84 + 90 + 88) / 3 = 87.3").isEqualTo(87);
            assertThat(office.get().visits()).isEqualTo(2);
            assertThat(office.get().readings()).isEqualTo(3);
            assertThat(office.get().lastVisit()).isEqualTo("2026-11-01");
        }

        @Test
        @DisplayName("a single visit gives visits = 1")
        void singleVisit() {
            Optional<OfficeBloodPressure> office = summarizer.office(List.of(office("2026-11-01T10:00", 141, 91)), NOW);

            assertThat(office).get().extracting(OfficeBloodPressure::visits, OfficeBloodPressure::meanSystolic)
                    .containsExactly(1, 141);
        }

        @Test
        @DisplayName("visits older than the 365-day look-back, or after now, do not count")
        void lookBack() {
            List<BloodPressureReading> readings = List.of(
                    office("2025-11-20T11:59", 170, 100),
                    office("2026-11-20T12:01", 170, 100));

            assertThat(summarizer.office(readings, NOW)).isEmpty();
        }

        @Test
        @DisplayName("no office readings, only home ones: no office fact at all")
        void noOffice() {
            assertThat(summarizer.office(protocol(CLINIC_ARM, 130, 80, 17, 18, 19), NOW)).isEmpty();
        }
    }
}

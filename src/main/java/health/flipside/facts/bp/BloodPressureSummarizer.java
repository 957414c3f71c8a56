package health.flipside.facts.bp;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.Coverage;
import health.flipside.facts.ReadingTime;
import health.flipside.facts.Thresholds;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Home and office blood pressure over the protocol window (docs/clinical-sources.md, home blood pressure): which
 * readings qualify, the
 * data-sufficiency gate, means, gaps and a recent severe reading. Pure: the same readings and "now" always give
 * the same summary.
 */
public final class BloodPressureSummarizer {
    private static final DateTimeFormatter READING_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH);

    /** Every threshold this class reads; the rule-set loader refuses a bp topic that lacks one. */
    public static final List<String> REQUIRED_THRESHOLDS = List.of("homeWindowDays", "gateReadingsMin", "gateDaysMin",
            "gateMorningMin", "gateEveningMin", "officeLookbackDays", "officeVisits", "severeWindowHours",
            "severeSystolic", "severeDiastolic", "plausibleSystolicMin", "plausibleSystolicMax",
            "plausibleDiastolicMin", "plausibleDiastolicMax",
            // low BP / over-treatment and dating the office mean (issue 14)
            "homeLowSystolic", "homeLowDiastolic", "lowWindowDays", "officeCurrentDays");

    private final Thresholds thresholds;

    public BloodPressureSummarizer(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public HomeBloodPressure home(List<BloodPressureReading> readings, Instant now) {
        Instant windowStart = now.minus(Duration.ofDays(thresholds.getInt("homeWindowDays")));
        List<BloodPressureReading> home = readings.stream()
                .filter(BloodPressureReading::isHome)
                .filter(r -> !r.takenAt().isBefore(windowStart) && !r.takenAt().isAfter(now))
                .toList();
        List<BloodPressureReading> qualifying = home.stream().filter(r -> r.device().qualifiesForBloodPressure()).toList();
        int cuffless = (int) home.stream().filter(r -> r.device().kind() == DeviceKind.CUFFLESS).count();
        int unqualified = home.size() - qualifying.size() - cuffless;

        List<LocalDate> readingDays = qualifying.stream().map(r -> r.localTime().toLocalDate()).toList();
        int days = Coverage.distinctDays(readingDays);
        int morning = (int) qualifying.stream().filter(r -> r.localTime().getHour() < 12).count();
        int evening = qualifying.size() - morning;
        int readingsShort = Math.max(0, thresholds.getInt("gateReadingsMin") - qualifying.size());
        int daysShort = Math.max(0, thresholds.getInt("gateDaysMin") - days);
        boolean gateMet = readingsShort == 0 && daysShort == 0
                && morning >= thresholds.getInt("gateMorningMin") && evening >= thresholds.getInt("gateEveningMin");

        int meanSystolic = (int) Math.round(qualifying.stream().mapToDouble(BloodPressureReading::systolic).average().orElse(0));
        int meanDiastolic = (int) Math.round(qualifying.stream().mapToDouble(BloodPressureReading::diastolic).average().orElse(0));

        Provenance provenance = Coverage.of(qualifying.stream().map(BloodPressureReading::device).toList(), readingDays,
                thresholds.getInt("homeWindowDays"), Provenance.NotUsed.readings(cuffless, unqualified));
        return new HomeBloodPressure(!home.isEmpty(),
                qualifying.size(), days, morning, evening, meanSystolic, meanDiastolic, gateMet, readingsShort,
                daysShort, cuffless, unqualified, severeReading(readings, now, BloodPressureSummarizer::confirms),
                provenance, severeReading(readings, now, r -> !confirms(r)));
    }

    /** A validated (or regulated) cuff: the readings a same-day critical item may rest on. */
    private static boolean confirms(BloodPressureReading r) {
        return r.device().tier().isValidated() && isCuff(r.device().kind());
    }

    /**
     * The provenance of one severe reading, so the card policy weighs the finding by the source of that reading
     * (not by the home mean's devices).
     */
    private static Provenance provenanceOf(BloodPressureReading reading, int windowDays) {
        return Coverage.of(List.of(reading.device()), List.of(reading.localTime().toLocalDate()), windowDays, null);
    }

    /** Mean of the readings of the last N office visits in the look-back, or empty when there are none. */
    public Optional<OfficeBloodPressure> office(List<BloodPressureReading> readings, Instant now) {
        Instant lookback = now.minus(Duration.ofDays(thresholds.getInt("officeLookbackDays")));
        TreeMap<LocalDate, List<BloodPressureReading>> visits = readings.stream()
                .filter(r -> !r.isHome())
                .filter(r -> !r.takenAt().isBefore(lookback) && !r.takenAt().isAfter(now))
                .collect(Collectors.groupingBy(r -> r.localTime().toLocalDate(), TreeMap::new, Collectors.toList()));
        if (visits.isEmpty()) {
            return Optional.empty();
        }
        List<BloodPressureReading> recent = new ArrayList<>();
        visits.descendingMap().values().stream().limit(thresholds.getInt("officeVisits")).forEach(recent::addAll);
        return Optional.of(new OfficeBloodPressure(
                (int) Math.round(recent.stream().mapToDouble(BloodPressureReading::systolic).average().orElseThrow()),
                (int) Math.round(recent.stream().mapToDouble(BloodPressureReading::diastolic).average().orElseThrow()),
                (int) Math.min(visits.size(), thresholds.getInt("officeVisits")), recent.size(),
                visits.lastKey().toString()));
    }

    /** The office mean, dated when its latest visit is older than officeCurrentDays. */
    public OfficeBloodPressure dated(OfficeBloodPressure office, Instant now) {
        LocalDate current = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(thresholds.getInt("officeCurrentDays"));
        boolean dated = LocalDate.parse(office.lastVisit()).isBefore(current);
        return new OfficeBloodPressure(office.meanSystolic(), office.meanDiastolic(), office.visits(), office.readings(),
                office.lastVisit(), dated);
    }

    /**
     * Low home blood pressure: the gated home mean below the low cut-off, or a validated cuff reading below it together
     * with a recorded hypotension symptom, both within lowWindowDays; empty otherwise.
     */
    public Optional<LowBloodPressure> low(HomeBloodPressure home, List<BloodPressureReading> readings,
                                          ClinicalContext context, Instant now) {
        Instant since = now.minus(Duration.ofDays(thresholds.getInt("lowWindowDays")));
        boolean meanLow = home.gateMet() && isLow(home.meanSystolic(), home.meanDiastolic());
        List<BloodPressureReading> lows = readings.stream()
                .filter(BloodPressureReading::isHome)
                .filter(r -> r.device().tier().isValidated() && isCuff(r.device().kind()))
                .filter(r -> !r.takenAt().isBefore(since) && !r.takenAt().isAfter(now))
                .filter(r -> isLow(r.systolic(), r.diastolic()))
                .toList();
        Instant symptom = context.lastAssessments().get("hypotension-symptom");
        boolean symptomatic = !lows.isEmpty() && symptom != null && !symptom.isBefore(since) && !symptom.isAfter(now);
        if (!meanLow && !symptomatic) {
            return Optional.empty();
        }
        BloodPressureReading lowest = lows.stream()
                .min((a, b) -> Double.compare(a.systolic() + a.diastolic(), b.systolic() + b.diastolic())).orElse(null);
        Provenance provenance = meanLow ? home.provenance() : Coverage.of(lows.stream().map(BloodPressureReading::device).toList(),
                lows.stream().map(r -> r.localTime().toLocalDate()).toList(), thresholds.getInt("lowWindowDays"), null);
        return Optional.of(new LowBloodPressure(meanLow, home.meanSystolic(), home.meanDiastolic(), lows.size(),
                lowest == null ? null : Math.round(lowest.systolic()) + "/" + Math.round(lowest.diastolic()),
                lowest == null ? null : lowest.localTime().format(READING_TIME), symptomatic,
                symptom == null ? null : symptom.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString(), provenance));
    }

    private boolean isLow(double systolic, double diastolic) {
        return systolic < thresholds.get("homeLowSystolic") || diastolic < thresholds.get("homeLowDiastolic");
    }

    /**
     * The highest home reading at or above the severe threshold within the recent window among those {@code from}
     * accepts: validated cuffs (a same-day item) or every other source (the safety net: a dangerous value is said
     * whatever its source, worded for it).
     */
    private HomeBloodPressure.SevereReading severeReading(List<BloodPressureReading> readings, Instant now,
                                                         java.util.function.Predicate<BloodPressureReading> from) {
        Instant since = now.minus(Duration.ofHours(thresholds.getInt("severeWindowHours")));
        return readings.stream()
                .filter(BloodPressureReading::isHome)
                .filter(from)
                .filter(r -> !r.takenAt().isBefore(since) && !r.takenAt().isAfter(now))
                .filter(r -> r.systolic() >= thresholds.get("severeSystolic") || r.diastolic() >= thresholds.get("severeDiastolic"))
                .max((a, b) -> Double.compare(a.systolic() + a.diastolic(), b.systolic() + b.diastolic()))
                .map(r -> new HomeBloodPressure.SevereReading((int) Math.round(r.systolic()), (int) Math.round(r.diastolic()),
                        r.localTime().format(READING_TIME), r.device(),
                        ReadingTime.of(r.localTime(), r.takenAt(), r.issued(), now), Coverage.source(List.of(r.device())),
                        r.device().tier(), r.device().kind() == DeviceKind.CUFFLESS,
                        provenanceOf(r, thresholds.getInt("homeWindowDays"))))
                .orElse(null);
    }

    private static boolean isCuff(DeviceKind kind) {
        return kind == DeviceKind.UPPER_ARM_CUFF || kind == DeviceKind.WRIST_CUFF;
    }
}

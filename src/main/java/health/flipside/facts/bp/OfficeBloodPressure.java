package health.flipside.facts.bp;

/**
 * Clinic blood pressure: the mean of the readings of the last visits (docs/clinical-sources.md, home blood pressure:
 * "office = mean of the last
 * 2 office visits"). Only inserted as a fact when at least one office reading exists.
 *
 * @param lastVisit the latest visit's date (ISO)
 * @param dated     the latest visit is older than {@code officeCurrentDays}: cards say "office mean from 2026-03" so an
 *                  old mean is never read as current
 */
public record OfficeBloodPressure(int meanSystolic, int meanDiastolic, int visits, int readings, String lastVisit,
                                  boolean dated) {
    public OfficeBloodPressure(int meanSystolic, int meanDiastolic, int visits, int readings, String lastVisit) {
        this(meanSystolic, meanDiastolic, visits, readings, lastVisit, false);
    }

    /** The latest visit's month, "2026-03". */
    public String lastVisitMonth() {
        return lastVisit.substring(0, 7);
    }
}

package health.flipside.facts;

/**
 * Clinic blood pressure: the mean of the readings of the last visits (clinical.md §1.4: "office = mean of the last
 * 2 office visits"). Only inserted as a fact when at least one office reading exists.
 */
public record OfficeBloodPressure(int meanSystolic, int meanDiastolic, int visits, int readings, String lastVisit) {
}

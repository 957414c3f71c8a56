package health.flipside.facts;

/**
 * The home (self-measured) blood-pressure picture over the protocol window, as rules see it.
 * Means are rounded to whole mm[Hg], as they are reported and compared (clinical.md §1.4).
 *
 * @param anyHomeReading   any home reading in the window, of any tier (a patient without devices has none)
 * @param readings         qualifying readings: validated tier, upper-arm cuff, inside the window
 * @param days             distinct local days among them
 * @param morningReadings  qualifying readings before local noon
 * @param eveningReadings  qualifying readings from local noon on
 * @param gateMet          the data-sufficiency gate of rules/bp/thresholds.yaml is met
 * @param readingsShort    readings still needed to meet the gate, 0 when met
 * @param daysShort        days still needed to meet the gate, 0 when met
 * @param cufflessReadings cuffless (watch, ring) readings in the window: never used
 * @param unqualifiedReadings other home readings not used (consumer, wrist or self-reported) in the window
 * @param severeReading    a validated cuff reading at or above the severe threshold in the recent window, or null
 */
public record HomeBloodPressure(boolean anyHomeReading, int readings, int days, int morningReadings,
                                int eveningReadings, int meanSystolic, int meanDiastolic, boolean gateMet,
                                int readingsShort, int daysShort, int cufflessReadings, int unqualifiedReadings,
                                SevereReading severeReading, Provenance provenance) {

    /** A single reading high enough for same-day contact; {@code takenAt} is local time as the patient recorded it. */
    public record SevereReading(int systolic, int diastolic, String takenAt, String device) {
    }

    public boolean hasSevereReading() {
        return severeReading != null;
    }
}

package health.flipside.facts.bp;

import health.flipside.facts.ReadingTime;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.Provenance;

/**
 * The home (self-measured) blood-pressure picture over the protocol window, as rules see it.
 * Means are rounded to whole mm[Hg], as they are reported and compared (docs/clinical-sources.md, home blood pressure).
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
 * @param unconfirmedSevereReading the highest home reading at or above the severe threshold from any other source
 *                         (consumer, cuffless, self-reported, a device not provided): the safety net says it too
 */
public record HomeBloodPressure(boolean anyHomeReading, int readings, int days, int morningReadings,
                                int eveningReadings, int meanSystolic, int meanDiastolic, boolean gateMet,
                                int readingsShort, int daysShort, int cufflessReadings, int unqualifiedReadings,
                                SevereReading severeReading, Provenance provenance, SevereReading unconfirmedSevereReading) {

    public HomeBloodPressure(boolean anyHomeReading, int readings, int days, int morningReadings, int eveningReadings,
                             int meanSystolic, int meanDiastolic, boolean gateMet, int readingsShort, int daysShort,
                             int cufflessReadings, int unqualifiedReadings, SevereReading severeReading,
                             Provenance provenance) {
        this(anyHomeReading, readings, days, morningReadings, eveningReadings, meanSystolic, meanDiastolic, gateMet,
                readingsShort, daysShort, cufflessReadings, unqualifiedReadings, severeReading, provenance, null);
    }

    /**
     * A single reading high enough for same-day contact; {@code takenAt} is local time as the patient recorded it.
     *
     * @param time       when it was taken, how long ago, and how long it took to reach the record
     * @param device     the cuff it came from (cds-cards/partials/device-name.mustache names it)
     * @param source     its provenance (cds-cards/partials/device-source.mustache words it)
     * @param tier       its device tier
     * @param cuffless   a cuffless (watch, ring) estimate, not a cuff measurement
     * @param provenance this one reading's provenance: the card policy weighs the finding by it
     */
    public record SevereReading(int systolic, int diastolic, String takenAt, DeviceInfo device, ReadingTime time,
                                DeviceSource source, DeviceTier tier, boolean cuffless, Provenance provenance) {
        /** A reading from a validated cuff, as the critical rule sees it. */
        public SevereReading(int systolic, int diastolic, String takenAt, String device) {
            this(systolic, diastolic, takenAt, new DeviceInfo(DeviceTier.VALIDATED, DeviceKind.UPPER_ARM_CUFF, device), null,
                    null, DeviceTier.VALIDATED, false, null);
        }

        /** Typed in by the patient, or from a device the EHR could not provide: ask the patient. */
        public boolean selfReported() {
            return tier == DeviceTier.SELF_REPORTED;
        }

        /** From a clinic-issued or listed validated cuff (a regulated but unverified model is not "validated"). */
        public boolean validatedCuff() {
            return tier == DeviceTier.CLINIC_ISSUED || tier == DeviceTier.VALIDATED;
        }
    }

    public boolean hasSevereReading() {
        return severeReading != null;
    }

    public boolean hasUnconfirmedSevereReading() {
        return unconfirmedSevereReading != null;
    }
}

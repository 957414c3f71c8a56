package health.flipside.facts.bp;

import health.flipside.facts.PatientContext;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.Provenance;

/**
 * A severe-range home reading in pregnancy or the weeks after delivery (ACOG Committee Opinion 767, 2019 [V]:
 * SBP ≥ 160 or DBP ≥ 110, confirmed within 15 minutes, needs treatment within 30–60 minutes). Present only for a
 * pregnant or postpartum patient with such a cuff reading in the window; cuffless (watch) readings never count.
 *
 * @param systolic    the highest severe reading's systolic, whole mm[Hg]
 * @param diastolic   its diastolic
 * @param takenAt     its local time as the patient recorded it ("19 Nov 21:30")
 * @param device      the cuff it came from, or none (typed in): cds-cards/partials/device-name.mustache names it
 * @param confirmed   another severe-range reading within the confirmation interval of it (ACOG: within 15 min)
 * @param severeReadings how many severe-range readings the window holds
 * @param patient     pregnant or postpartum, and the weeks since delivery (cds-cards/partials/pregnancy-status.mustache
 *                    words them)
 */
public record PregnancyBloodPressure(int systolic, int diastolic, String takenAt, DeviceInfo device, boolean confirmed,
                                     int severeReadings, PatientContext patient, Provenance provenance) {
}

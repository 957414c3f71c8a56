package health.flipside.facts.glucose;

import health.flipside.facts.Numbers;
import health.flipside.facts.ReadingTime;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.Provenance;

/**
 * The safety net for high glucose: readings above the severe-high limit in the recent window that were sustained
 * (consecutive readings above it over a configurable time), or any such reading in a person with type 1 diabetes
 * on insulin (ketoacidosis risk, ADA Standards of Care [S]). Present only when one of them holds; from any source,
 * worded for its source.
 *
 * @param highest         the highest such reading, mg/dL
 * @param time            when it was taken, how long ago, how long it took to reach the record
 * @param readings        readings above the limit in the window
 * @param sustainedHours  the longest run of consecutive readings above the limit, in whole hours (0 when none)
 * @param sustained       that run lasted at least the configured time
 * @param type1OnInsulin  the patient has type 1 diabetes and takes insulin
 * @param validated       every reading above the limit came from a validated (or regulated) meter or sensor
 * @param source          the sources in words
 */
public record VeryHighGlucose(double highest, ReadingTime time, int readings, long sustainedHours, boolean sustained,
                              boolean type1OnInsulin, boolean validated, DeviceSource source, Provenance provenance) {
    public String highestText() {
        return Numbers.whole(highest);
    }
}

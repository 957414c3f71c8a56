package health.flipside.facts.glucose;

import health.flipside.facts.Numbers;
import health.flipside.facts.ReadingTime;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.Provenance;

/**
 * Meter (SMBG) readings below the hypoglycaemia level 1 limit in the recent window: single low values are always
 * reportable (docs/clinical-sources.md, glucose and CGM). Present only when there is at least one.
 *
 * @param readings low readings; {@code level2} of them below the level 2 limit
 * @param lowest   the lowest, mg/dL
 * @param lowestAt its local time ("17 Nov 06:40")
 * @param lowestTime when the lowest was taken, how long ago, how long it took to reach the record (null in tests)
 * @param lowestSource the lowest reading's source in words ("Tier D: self-reported, unverified (typed in …)")
 * @param lowestValidated the lowest reading came from a validated (or regulated) meter: a reading from anything
 *                 else is asked about, not acted on
 */
public record GlucoseLows(int readings, int level2, double lowest, String lowestAt, Provenance provenance,
                          ReadingTime lowestTime, DeviceSource lowestSource, boolean lowestValidated) {
    public GlucoseLows(int readings, int level2, double lowest, String lowestAt, Provenance provenance) {
        this(readings, level2, lowest, lowestAt, provenance, null, null, true);
    }

    public String lowestText() {
        return Numbers.whole(lowest);
    }

    public boolean hasLevel2() {
        return level2 > 0;
    }
}

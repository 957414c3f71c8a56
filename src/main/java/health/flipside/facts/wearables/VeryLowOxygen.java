package health.flipside.facts.wearables;

import health.flipside.facts.Numbers;
import health.flipside.facts.ReadingTime;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.Provenance;

/**
 * The safety net for oxygen saturation: a home SpO2 at or below the severe limit in the recent window from a
 * fingertip oximeter of any tier, or typed in by the patient (watch and ring values stay trend-only). Present only
 * when there is one; worded for its source.
 *
 * @param lowest             the lowest such value, %
 * @param time               when it was taken, how long ago, how long it took to reach the record
 * @param readings           values at or below the limit in the window
 * @param validated          the lowest came from a validated (or regulated) fingertip oximeter
 * @param source             its source in words
 * @param chronicLungDisease documented chronic lung disease: the limit is the lower end of its 88–92 % target range
 */
public record VeryLowOxygen(double lowest, ReadingTime time, int readings, boolean validated, DeviceSource source,
                            boolean chronicLungDisease, Provenance provenance) {
    public String lowestText() {
        return Numbers.whole(lowest);
    }
}

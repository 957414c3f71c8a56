package health.flipside.facts.wearables;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.Provenance;

/**
 * SpO2 from watches, rings and bracelets (reflectance PPG, {@link DeviceKind#CUFFLESS}): trend-only, never
 * above info (docs/clinical-sources.md, wearables). Present when a night's minimum fell below the hypoxaemia threshold.
 *
 * @param nights      nights with a watch SpO2 value in the window
 * @param lowNights   nights whose value was below the threshold
 * @param lowest      the lowest value, % ; {@code highestLow} the highest of the low values (range "88–91%")
 */
public record WatchOxygen(int nights, int lowNights, double lowest, double highestLow, Provenance provenance) {
    public String rangeText() {
        return lowest == highestLow ? Numbers.whole(lowest) + "%" : Numbers.whole(lowest) + "–" + Numbers.whole(highestLow) + "%";
    }
}

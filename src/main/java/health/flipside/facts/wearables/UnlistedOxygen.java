package health.flipside.facts.wearables;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * SpO2 that is neither from a Tier A/B fingertip oximeter nor from a watch or ring: an oximeter not on the clinic's
 * validated list, or values the patient typed in. Trend-only like watch values (docs/clinical-sources.md, wearables:
 * only validated
 * fingertip oximeters are eligible for threshold logic), never above info; kept apart from {@link WatchOxygen} so
 * the card does not call a finger clip "reflectance". Present when a day's lowest value fell below the hypoxaemia
 * threshold.
 *
 * @param days         days with such a value in the window
 * @param lowDays      days whose lowest value was below the threshold
 * @param lowest       the lowest value, %; {@code highestLow} the highest of the low values (range "89–90%")
 * @param selfReported some of the values were typed in (no device named)
 */
public record UnlistedOxygen(int days, int lowDays, double lowest, double highestLow, boolean selfReported,
                             Provenance provenance) {
    public String rangeText() {
        return lowest == highestLow ? Numbers.whole(lowest) + "%" : Numbers.whole(lowest) + "–" + Numbers.whole(highestLow) + "%";
    }
}

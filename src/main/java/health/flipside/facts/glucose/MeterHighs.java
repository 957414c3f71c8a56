package health.flipside.facts.glucose;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * Sustained high meter (SMBG) readings: readings above {@code meterHighAbove} on at least {@code meterHighDaysMin}
 * days of the last {@code meterHighWindowDays} (a design choice, rules/glucose/thresholds.yaml). Present only then.
 *
 * @param readings  high readings in the window
 * @param days      distinct local days with one
 * @param highest   the highest, mg/dL
 * @param highestAt its local time ("17 Nov 21:40")
 */
public record MeterHighs(int readings, int days, double highest, String highestAt, Provenance provenance) {
    public String highestText() {
        return Numbers.whole(highest);
    }
}

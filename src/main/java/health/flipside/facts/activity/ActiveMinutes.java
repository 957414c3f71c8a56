package health.flipside.facts.activity;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/** Minutes of moderate-or-vigorous activity in the recent week (docs/clinical-sources.md, activity and sleep, WHO
 * 2020). Present above the gate. */
public record ActiveMinutes(double minutesPerWeek, int days, Provenance provenance) {
    public String minutesText() {
        return Numbers.whole(minutesPerWeek);
    }
}

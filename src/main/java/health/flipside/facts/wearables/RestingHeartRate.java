package health.flipside.facts.wearables;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * Resting heart rate of the recent week against the patient's own baseline (docs/clinical-sources.md, wearables and
 * across topics). Present only when
 * both windows have enough nights: below the gate nothing is said.
 */
public record RestingHeartRate(double recent, int recentNights, double baseline, int baselineNights, Provenance provenance) {
    public double rise() {
        return recent - baseline;
    }

    public String recentText() {
        return Numbers.whole(recent);
    }

    public String baselineText() {
        return Numbers.whole(baseline);
    }

    public String riseText() {
        return Numbers.whole(rise());
    }
}

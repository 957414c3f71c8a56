package health.flipside.facts.activity;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * Sleep duration per night over the recent window (docs/clinical-sources.md, activity and sleep, AASM/SRS). Present
 * above the gate.
 *
 * @param typedInNights nights whose value the patient typed in (no device): the card then speaks of their log, not
 *                      of a tracker
 */
public record SleepDuration(double medianHours, int nights, int windowDays, int typedInNights, Provenance provenance) {
    public String hoursText() {
        return Numbers.oneDecimal(medianHours);
    }

    /** Every night measured by a device. */
    public boolean tracked() {
        return typedInNights == 0;
    }

    /** Every night typed in. */
    public boolean typedIn() {
        return typedInNights == nights;
    }

    /** Some nights of each. */
    public boolean mixed() {
        return !tracked() && !typedIn();
    }
}

package health.flipside.facts.glucose;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * A same-day hypoglycaemia safety item (docs/clinical-sources.md, glucose and CGM): a patient-reported level 3 event,
 * or readings below the
 * level 2 limit on several days in someone on insulin or a sulfonylurea. Present only when one of them holds.
 *
 * @param reportedEvent  a level 3 event was reported in the window
 * @param eventTime      the latest reported event, patient's local time ("18 Nov 03:10"), or null
 * @param level2Days     days in the window with a reading below the level 2 limit
 * @param lowest         the lowest such reading in mg/dL, or -1
 * @param drugClasses    the insulin / sulfonylurea classes the patient takes ("insulin"), for the card
 */
public record SevereHypoglycaemia(boolean reportedEvent, String eventTime, int level2Days, double lowest,
                                  String drugClasses, Provenance provenance) {
    public String lowestText() {
        return Numbers.whole(lowest);
    }

    public boolean hasLevel2Days() {
        return level2Days > 0;
    }
}

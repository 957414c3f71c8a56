package health.flipside.facts.proms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One scored administration of a patient-reported outcome measure, from a score Observation or scored by Flipside
 * from a QuestionnaireResponse's items.
 *
 * @param instrument  e.g. "PHQ-9", "GAD-7", "KCCQ-12", "PROMIS-29", "ESAS-r", "Pain NRS"
 * @param scale       the scale within the instrument ("total", "overall summary", "depression", "pain"...)
 * @param score       the score on the instrument's own scale (raw total, 0–100, or T-score)
 * @param completedAt when the patient completed it
 * @param localTime   the same moment on the patient's wall clock, for card texts
 * @param remote      completed outside the clinic (portal, app, patient as author) rather than in clinic
 * @param items       item answers by item number ("9" → 2), when known; empty otherwise
 */
public record PromScore(String instrument, String scale, double score, Instant completedAt, LocalDateTime localTime,
                        boolean remote, Map<String, Integer> items) {
    public PromScore {
        items = Map.copyOf(items);
    }

    /** An item's answer, or -1 when the item is not known. */
    public int item(String number) {
        return items.getOrDefault(number, -1);
    }

    public boolean is(String instrumentName, String scaleName) {
        return instrument.equals(instrumentName) && scale.equals(scaleName);
    }
}

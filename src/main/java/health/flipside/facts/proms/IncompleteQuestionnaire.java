package health.flipside.facts.proms;

/**
 * The latest form of an item-scored instrument (PHQ-9, PHQ-2, GAD-7) left with items unanswered, or not submitted,
 * and not followed by a complete one: it is not scored (no prorating), and the card says how far it got.
 *
 * @param instrument "PHQ-9"
 * @param answered   items answered
 * @param expected   items of the instrument
 * @param completedOn local date, "18 Nov 2026"
 * @param daysAgo    whole days before now
 * @param remote     self-completed remotely
 */
public record IncompleteQuestionnaire(String instrument, int answered, int expected, String completedOn, int daysAgo,
                                      boolean remote) {
}

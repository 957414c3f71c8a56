package health.flipside.services;

import java.time.Instant;

/**
 * A card of one rule that a clinician overrode with a coded reason, for one patient (card_suppression): what the
 * service compares later findings of the rule with. No patient data: the patient is the key it was looked up by.
 *
 * @param feedbackId   the override (feedback item) it comes from; suppressed findings are counted against it
 * @param indicator    the card's indicator as shown then
 * @param measureName  the rule's measure when the card was issued (policy.yaml), or null
 * @param measureValue its value then, or null
 */
public record PastOverride(String feedbackId, String ruleId, Instant overriddenAt, String reasonCode, String indicator,
                           String measureName, Double measureValue) {
}

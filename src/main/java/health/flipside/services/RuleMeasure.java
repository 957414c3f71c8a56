package health.flipside.services;

/**
 * "The data" a rule's finding rested on when its card was issued: the rule's suppression measure (policy.yaml), by
 * name, and the number it read. A later override of the card is weighed against it (alert hygiene).
 */
public record RuleMeasure(String name, double value) {
}

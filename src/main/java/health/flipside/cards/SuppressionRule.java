package health.flipside.cards;

/**
 * How long an overridden card of one rule stays away, and what brings it back earlier (cds-cards/policy.yaml
 * {@code suppression}; README "Alert hygiene").
 *
 * @param days    the card is not shown again for this many days after the override
 * @param measure a number in the finding's params, by the names card templates read ({@code home.meanSystolic}); a
 *                finding whose measure is worse than at the override comes back. Null: only a higher indicator or
 *                the end of the period brings it back
 * @param worse   which way is worse: {@code higher} (default) or {@code lower}
 */
public record SuppressionRule(int days, String measure, Worse worse) {
    public enum Worse { HIGHER, LOWER }

    public SuppressionRule {
        worse = worse == null ? Worse.HIGHER : worse;
    }

    /** Whether {@code now} is worse than {@code then} on this rule's measure. */
    public boolean worse(double now, double then) {
        return worse == Worse.HIGHER ? now > then : now < then;
    }
}

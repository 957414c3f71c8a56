package health.flipside.cards;

import java.util.List;

/**
 * The clinical-governance defaults of design.md "Card policy", read from {@code cds-cards/policy.yaml}.
 *
 * @param maxCards             at most this many cards per call
 * @param summaryCardHeadline  summary of the merged info card, followed by the findings' headlines
 * @param summaryCardSource    source label of the merged info card
 * @param overrideReasonSystem code system of Flipside's override reasons
 * @param overrideReasons      reasons offered on every card unless its template lists its own
 */
public record CardPolicy(int maxCards, String summaryCardHeadline, String summaryCardSource,
                         String overrideReasonSystem, List<CardTemplate.ReasonRef> overrideReasons) {
    public CardPolicy {
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
    }
}

package health.flipside.cards;

import java.util.List;

/**
 * A card as sent, with the rules and templates behind it — kept apart from the wire card so feedback and
 * analytics can trace an accepted or overridden card back to its rule without the EHR ever seeing these ids.
 */
public record ComposedCard(Card card, List<String> ruleIds, List<String> templateIds) {
    public ComposedCard {
        ruleIds = List.copyOf(ruleIds);
        templateIds = List.copyOf(templateIds);
    }
}

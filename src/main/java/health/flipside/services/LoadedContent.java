package health.flipside.services;

import health.flipside.cards.CardCatalog;
import health.flipside.rules.RuleSet;

/**
 * The rules and card texts that serve together; swapped as one value so no request sees half of a change. Loaded,
 * gated and reloaded by package content.
 */
public record LoadedContent(RuleSet rules, CardCatalog cards) {

    public SummaryPipeline pipeline() {
        return new SummaryPipeline(rules, cards);
    }
}

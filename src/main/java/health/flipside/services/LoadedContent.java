package health.flipside.services;

import java.nio.file.Path;

import health.flipside.cards.CardCatalog;
import health.flipside.rules.RuleSet;

/** The rules and card texts that serve together; swapped as one value so no request sees half of a change. */
public record LoadedContent(RuleSet rules, CardCatalog cards) {

    /** Loads both folders; throws with a message naming the file when either is unusable. */
    public static LoadedContent load(Path rulesDir, Path cardsDir) {
        RuleSet rules = new health.flipside.rules.RuleSetLoader().load(rulesDir);
        CardCatalog cards = CardCatalog.load(cardsDir);
        return new LoadedContent(rules, cards);
    }

    public SummaryPipeline pipeline() {
        return new SummaryPipeline(rules, cards);
    }
}

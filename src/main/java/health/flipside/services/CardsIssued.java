package health.flipside.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import health.flipside.cards.ComposedCard;

/**
 * The cards one hook call answers with, fired as a CDI event just before they go out: the issued-cards log and the
 * count of suppressed findings (package feedback) hear it, so the service knows nothing of where they are kept. Fired
 * synchronously: an observer must never throw and must bound its wait, because the cards go out either way.
 *
 * @param measures   by rule id, the measure of each suppressible rule that fired once (what a later override is
 *                   compared with)
 * @param suppressed the earlier overrides that kept findings of this call out of the answer
 */
public record CardsIssued(HookCall call, List<ComposedCard> cards, Map<String, RuleMeasure> measures,
                          List<PastOverride> suppressed, Instant at) {
    public CardsIssued {
        cards = List.copyOf(cards);
        measures = Map.copyOf(measures);
        suppressed = List.copyOf(suppressed);
    }
}

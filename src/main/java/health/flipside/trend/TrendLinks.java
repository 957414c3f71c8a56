package health.flipside.trend;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;

/**
 * The SMART link to the trend view, on the cards whose topic the view can draw for this patient: a card resting on
 * home BP, glucose, weight or questionnaire data gets it; a card about data the view does not draw (wearables,
 * activity, data quality), or a topic with nothing to draw, gets none.
 */
public final class TrendLinks {
    static final String PATH = "/trend/launch.html";

    private TrendLinks() {
    }

    /**
     * @param chartable the rule topics the view draws for this patient ({@link TrendWindows#topics})
     * @param baseUrl   Flipside's public base URL (the first of flipside.public.base.url)
     * @param label     the link's label (cds-cards/policy.yaml, layout.trendLink)
     */
    public static List<Card> add(List<ComposedCard> composed, Set<String> chartable, String baseUrl, String label) {
        List<Card> cards = new ArrayList<>();
        for (ComposedCard c : composed) {
            boolean drawn = c.ruleIds().stream().map(id -> id.contains(".") ? id.substring(0, id.indexOf('.')) : id)
                    .anyMatch(chartable::contains);
            cards.add(drawn ? withLink(c.card(), baseUrl, label) : c.card());
        }
        return cards;
    }

    private static Card withLink(Card card, String baseUrl, String label) {
        List<Card.Link> links = new ArrayList<>(card.links() == null ? List.of() : card.links());
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        links.add(new Card.Link(label, base + PATH, "smart"));
        return new Card(card.uuid(), card.summary(), card.detail(), card.indicator(), card.source(), card.suggestions(),
                card.selectionBehavior(), card.overrideReasons(), links);
    }
}

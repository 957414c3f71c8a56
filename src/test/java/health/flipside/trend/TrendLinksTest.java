package health.flipside.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;

/** Only a card whose topic the trend view can draw for this patient links to it. */
class TrendLinksTest {
    private static ComposedCard card(String... ruleIds) {
        return new ComposedCard(new Card("u", "s", "d", "info", null, null, null, null, null), List.of(ruleIds), List.of("t"));
    }

    @Test
    void aCardOnAChartedTopicGetsTheSmartLinkAndOthersDoNot() {
        List<Card> cards = TrendLinks.add(List.of(card("bp.masked-uncontrolled"), card("wearables.irn-unconfirmed"),
                card("glucose.above-range")), Set.of("bp"), "https://cds.hospital.example/", "See the trend");

        assertThat(cards.get(0).links()).containsExactly(
                new Card.Link("See the trend", "https://cds.hospital.example/trend/launch.html", "smart"));
        assertThat(cards.get(1).links()).isNull();
        assertThat(cards.get(2).links()).as("glucose has nothing to draw for this patient").isNull();
    }

    @Test
    void aMergedCardLinksWhenAnyOfItsTopicsIsCharted() {
        List<Card> cards = TrendLinks.add(List.of(card("activity.summary", "proms.phq9-mild")), Set.of("proms"), "http://localhost:9080", "Trend");

        assertThat(cards.get(0).links()).extracting(Card.Link::url).containsExactly("http://localhost:9080/trend/launch.html");
        assertThat(cards.get(0).links()).extracting(Card.Link::label).as("the label the policy gives").containsExactly("Trend");
    }
}

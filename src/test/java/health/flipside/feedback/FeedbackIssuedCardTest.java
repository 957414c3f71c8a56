package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;

class FeedbackIssuedCardTest {

    @Test
    void takesIdsFromTheComposedCardAndNothingElse() {
        String s1 = UUID.randomUUID().toString();
        String s2 = UUID.randomUUID().toString();
        Card card = new Card(UUID.randomUUID().toString(), "Home BP avg 138/86", "detail with numbers", "warning",
                new Card.Source("label", null, null),
                List.of(new Card.Suggestion("ABPM", s1, null, List.of()), new Card.Suggestion("Review", s2, null, List.of())),
                "any", List.of(), List.of());
        UUID hookInstance = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-20T12:00:00Z");

        IssuedCard issued = IssuedCard.of(new ComposedCard(card, List.of("bp-masked-uncontrolled"), List.of("bp-masked-uncontrolled")),
                "patient-data-summary", hookInstance, at);

        assertThat(issued).isEqualTo(new IssuedCard(card.uuid(), "patient-data-summary", hookInstance,
                List.of("bp-masked-uncontrolled"), List.of("bp-masked-uncontrolled"), "warning", List.of(s1, s2), at));
        assertThat(issued.toString()).doesNotContain("138/86", "detail");
    }

    @Test
    void aCardWithoutSuggestionsHasNone() {
        Card card = new Card(UUID.randomUUID().toString(), "s", "d", "info", null, null, null, null, null);

        assertThat(IssuedCard.of(new ComposedCard(card, List.of("a", "b"), List.of("t")), "svc", UUID.randomUUID(), Instant.EPOCH)
                .suggestionUuids()).isEmpty();
    }

    @Test
    void weeksAreIso8601InUtc() {
        assertThat(IssuedCard.isoWeek(Instant.parse("2026-11-20T12:00:00Z"))).isEqualTo("2026-W47");
        assertThat(IssuedCard.isoWeek(Instant.parse("2026-11-22T23:59:59Z"))).isEqualTo("2026-W47"); // Sunday
        assertThat(IssuedCard.isoWeek(Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo("2026-W48"); // Monday
        assertThat(IssuedCard.isoWeek(Instant.parse("2027-01-01T10:00:00Z"))).isEqualTo("2026-W53"); // a Friday
        assertThat(IssuedCard.isoWeek(Instant.parse("2024-12-30T10:00:00Z"))).isEqualTo("2025-W01"); // a Monday
    }
}

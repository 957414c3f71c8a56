package health.flipside.hooks;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import health.flipside.cards.Card;

/** A service's answer (CDS Hooks 2.0 "HTTP Response"): {@code cards} is always present, {@code []} = no guidance. */
public record CardsResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards) {
}

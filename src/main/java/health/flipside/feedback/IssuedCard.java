package health.flipside.feedback;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;

/**
 * One card as Flipside returned it, for the issued-cards log: ids and times only, never patient data or card text.
 *
 * @param ruleIds         the rules whose findings the card shows (several for a merged info card)
 * @param templateIds     the card templates (cds-cards/) it was rendered from
 * @param suggestionUuids the uuids of the suggestions it offered
 */
public record IssuedCard(String cardUuid, String serviceId, UUID hookInstance, List<String> ruleIds,
                         List<String> templateIds, String indicator, List<String> suggestionUuids, Instant issuedAt) {
    public IssuedCard {
        Objects.requireNonNull(cardUuid, "cardUuid");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(hookInstance, "hookInstance");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(issuedAt, "issuedAt");
        cardUuid = Uuids.normalize(cardUuid);
        ruleIds = ruleIds.stream().distinct().toList();
        templateIds = templateIds.stream().distinct().toList();
        suggestionUuids = suggestionUuids.stream().map(Uuids::normalize).distinct().toList();
    }

    public static IssuedCard of(ComposedCard composed, String serviceId, UUID hookInstance, Instant issuedAt) {
        Card card = composed.card();
        List<String> suggestions = card.suggestions() == null ? List.of()
                : card.suggestions().stream().map(Card.Suggestion::uuid).filter(Objects::nonNull).toList();
        return new IssuedCard(card.uuid(), serviceId, hookInstance, composed.ruleIds(), composed.templateIds(),
                card.indicator(), suggestions, issuedAt);
    }

    /** ISO 8601 week of the issue time in UTC, e.g. {@code 2026-W47}. */
    public String issuedWeek() {
        return isoWeek(issuedAt);
    }

    static String isoWeek(Instant instant) {
        var date = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        return String.format("%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}

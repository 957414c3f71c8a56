package health.flipside.feedback;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;
import health.flipside.services.RuleMeasure;

/**
 * One card as Flipside returned it, for the issued-cards log: ids and times only, never patient data or card text.
 *
 * @param ruleIds         the rules whose findings the card shows (several for a merged info card)
 * @param templateIds     the card templates (cds-cards/) it was rendered from
 * @param suggestionUuids the uuids of the suggestions it offered
 * @param patientKey      the keyed hash of the patient ({@link PatientKeys}), or null: never the patient id
 * @param measures        by rule id, the number the rule's suppression measure read (policy.yaml), for rules that have one
 */
public record IssuedCard(String cardUuid, String serviceId, UUID hookInstance, List<String> ruleIds,
                         List<String> templateIds, String indicator, List<String> suggestionUuids, Instant issuedAt,
                         String patientKey, Map<String, RuleMeasure> measures) {
    /** A card not tied to a patient (no alert hygiene). */
    public IssuedCard(String cardUuid, String serviceId, UUID hookInstance, List<String> ruleIds, List<String> templateIds,
                      String indicator, List<String> suggestionUuids, Instant issuedAt) {
        this(cardUuid, serviceId, hookInstance, ruleIds, templateIds, indicator, suggestionUuids, issuedAt, null, null);
    }

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
        measures = measures == null ? Map.of() : Map.copyOf(measures);
    }

    /** The same card for a patient, with the measures of its rules (those of other cards are left out). */
    public IssuedCard forPatient(String key, Map<String, RuleMeasure> measuresByRule) {
        Map<String, RuleMeasure> own = new HashMap<>();
        ruleIds.forEach(rule -> {
            RuleMeasure m = measuresByRule.get(rule);
            if (m != null) {
                own.put(rule, m);
            }
        });
        return new IssuedCard(cardUuid, serviceId, hookInstance, ruleIds, templateIds, indicator, suggestionUuids,
                issuedAt, key, own);
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

    /** "2026-W49". Built by hand, not by String.format: once for each card of each hook call. */
    static String isoWeek(Instant instant) {
        var date = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        int year = date.get(IsoFields.WEEK_BASED_YEAR);
        int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return (year < 1000 ? String.format("%04d", year) : Integer.toString(year)) + (week < 10 ? "-W0" : "-W") + week;
    }
}

package health.flipside.facts;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What clinicians told Flipside about this patient's earlier cards (CDS Hooks feedback), as a fact: by rule id, the
 * latest time a card of that rule was accepted, or overridden with a reason that says it was dealt with
 * ({@code dealtWithReasons} in cds-cards/policy.yaml). The service looks it up in the feedback database before the
 * rules run, so rules stay free of I/O; without a database (scenarios, ./author) it is {@link #NONE}.
 *
 * @param dealtWith rule id → the latest instant (the EHR's outcome time) a card of that rule was dealt with
 */
public record CardFeedback(Map<String, Instant> dealtWith) {
    public static final CardFeedback NONE = new CardFeedback(Map.of());

    public CardFeedback {
        dealtWith = Map.copyOf(dealtWith);
    }

    /** Whether a card of the rule was dealt with at or after the instant. */
    public boolean dealtWithSince(String ruleId, Instant since) {
        return latestDealtWith(java.util.List.of(ruleId), since).isPresent();
    }

    /** The latest time a card of any of the rules was dealt with, at or after the instant. */
    public Optional<Instant> latestDealtWith(Collection<String> ruleIds, Instant since) {
        return ruleIds.stream().map(dealtWith::get).filter(at -> at != null && !at.isBefore(since))
                .max(Instant::compareTo);
    }
}

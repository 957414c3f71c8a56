package health.flipside.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One validated feedback item (CDS Hooks 2.0 "Feedback"), its position in the request kept so that a problem found
 * later (an unknown card) can still name the field.
 *
 * <p>{@link #toString()} leaves out the user comment: it is clinician free text and may identify the patient.
 *
 * @param index               position in the request's {@code feedback} array
 * @param acceptedSuggestions canonical suggestion uuids, in request order, without repeats
 * @param overrideReason      null when none was given
 */
public record FeedbackItem(int index, String cardUuid, Outcome outcome, List<String> acceptedSuggestions,
                           OverrideReason overrideReason, Instant outcomeTimestamp) {

    /** {@code reason} (a Coding; system/code null when only a comment was given) and/or the user's comment. */
    public record OverrideReason(String system, String code, String display, String userComment) {
        public boolean hasReason() {
            return code != null;
        }

        @Override
        public String toString() {
            return "OverrideReason[system=" + system + ", code=" + code + ", display=" + display
                    + ", userComment=" + (userComment == null ? "none" : "<redacted>") + "]";
        }
    }

    public FeedbackItem {
        Objects.requireNonNull(outcome, "outcome");
        // microseconds: what H2 and PostgreSQL keep, so the dedupe key and the stored value agree
        outcomeTimestamp = Objects.requireNonNull(outcomeTimestamp, "outcomeTimestamp").truncatedTo(ChronoUnit.MICROS);
        cardUuid = Uuids.normalize(cardUuid);
        acceptedSuggestions = acceptedSuggestions == null ? List.of()
                : acceptedSuggestions.stream().map(Uuids::normalize).distinct().toList();
    }

    /** The field path of this item in the request, e.g. {@code feedback[2]}. */
    public String path() {
        return "feedback[" + index + "]";
    }

    /**
     * What makes two items "the same feedback arriving again": card, outcome, the instant of the outcome and the
     * accepted suggestions (order-free). Hex SHA-256, so the key has a fixed length whatever the suggestions.
     */
    public String dedupeKey() {
        String identity = cardUuid + "|" + outcome.code() + "|" + outcomeTimestamp + "|"
                + String.join(",", acceptedSuggestions.stream().sorted().toList());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}

package health.flipside.feedback;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import health.flipside.support.InvalidRequestException;
import health.flipside.support.JsonBodies;
import health.flipside.support.RequestBody;

/**
 * Reads and validates a feedback request body (CDS Hooks 2.0 "Feedback") into {@link FeedbackItem}s. The whole body
 * is checked before anything is stored; every problem is an {@link InvalidRequestException} naming the field, e.g.
 * {@code feedback[1].outcome}. Stricter than the spec where the spec is silent, like the project's schema
 * (src/test/resources/cds-hooks-schema/feedback-request.schema.json): attributes the spec does not define are
 * refused, card and suggestion ids must be UUIDs, and the timestamp must be RFC 3339 in UTC.
 *
 * <p>Checks that need the issued-cards log (is the card known? is the suggestion its own?) are the store's.
 *
 * <p>Messages never echo values from the body: the user comment may contain patient information.
 */
public final class FeedbackParser {
    /** More than any EHR sends at once; a larger batch is split by the client. */
    public static final int MAX_ITEMS = 1000;
    /** The column's size; longer comments are refused rather than cut. */
    public static final int MAX_COMMENT_LENGTH = 8000;
    static final int MAX_CODING_LENGTH = 200;
    static final int MAX_SYSTEM_OR_DISPLAY_LENGTH = 500;

    private static final Set<String> TOP_LEVEL = Set.of("feedback", "extension");
    private static final Set<String> ITEM = Set.of("card", "outcome", "acceptedSuggestions", "overrideReason",
            "outcomeTimestamp", "extension");
    private static final Set<String> SUGGESTION = Set.of("id", "extension");
    private static final Set<String> OVERRIDE_REASON = Set.of("reason", "userComment", "extension");
    private static final Set<String> CODING = Set.of("system", "code", "display");
    /** RFC 3339 §5.6 date-time (T/Z may be lower case). */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A request held as text (tests). */
    public List<FeedbackItem> parse(String body) {
        return parse(body == null ? null : RequestBody.of(body));
    }

    public List<FeedbackItem> parse(RequestBody body) {
        JsonNode root = JsonBodies.object(MAPPER, body, "a CDS Hooks feedback request");
        onlyKnown(root, TOP_LEVEL, "");
        extension(root.get("extension"), "extension");
        JsonNode feedback = root.get("feedback");
        if (feedback == null || feedback.isNull()) {
            throw new InvalidRequestException("feedback", "'feedback' is required: an array of feedback items");
        }
        if (!feedback.isArray()) {
            throw new InvalidRequestException("feedback", "'feedback' must be an array");
        }
        if (feedback.isEmpty()) {
            throw new InvalidRequestException("feedback", "'feedback' must not be empty");
        }
        if (feedback.size() > MAX_ITEMS) {
            throw new InvalidRequestException("feedback", "'feedback' has more than " + MAX_ITEMS + " items; send them in smaller batches");
        }
        List<FeedbackItem> items = new ArrayList<>(feedback.size());
        for (int i = 0; i < feedback.size(); i++) {
            items.add(item(feedback.get(i), i));
        }
        return List.copyOf(items);
    }

    private static FeedbackItem item(JsonNode node, int index) {
        String path = "feedback[" + index + "]";
        if (!node.isObject()) {
            throw new InvalidRequestException(path, "'" + path + "' must be an object");
        }
        onlyKnown(node, ITEM, path + ".");
        extension(node.get("extension"), path + ".extension");

        String card = uuid(node, "card", path + ".card", "the uuid of a card this service returned");

        String outcomePath = path + ".outcome";
        String outcomeText = JsonBodies.text(node, "outcome", outcomePath, true, Integer.MAX_VALUE);
        Outcome outcome = Outcome.of(outcomeText).orElseThrow(() ->
                new InvalidRequestException(outcomePath, "'" + outcomePath + "' must be 'accepted' or 'overridden'"));

        List<String> suggestions = acceptedSuggestions(node.get("acceptedSuggestions"), path + ".acceptedSuggestions", outcome);
        FeedbackItem.OverrideReason reason = overrideReason(node.get("overrideReason"), path + ".overrideReason", outcome);
        Instant timestamp = timestamp(node, path + ".outcomeTimestamp");
        return new FeedbackItem(index, card, outcome, suggestions, reason, timestamp);
    }

    private static List<String> acceptedSuggestions(JsonNode node, String path, Outcome outcome) {
        boolean absent = node == null || node.isNull();
        if (outcome == Outcome.OVERRIDDEN) {
            if (!absent) {
                throw new InvalidRequestException(path, "'" + path + "' is only for accepted outcomes");
            }
            return List.of();
        }
        if (absent) {
            throw new InvalidRequestException(path, "'" + path + "' is required when the outcome is 'accepted'");
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(path, "'" + path + "' must be an array of {\"id\": suggestion uuid}");
        }
        if (node.isEmpty()) {
            throw new InvalidRequestException(path, "'" + path + "' must name at least one accepted suggestion");
        }
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < node.size(); j++) {
            String itemPath = path + "[" + j + "]";
            JsonNode suggestion = node.get(j);
            if (!suggestion.isObject()) {
                throw new InvalidRequestException(itemPath, "'" + itemPath + "' must be an object {\"id\": suggestion uuid}");
            }
            onlyKnown(suggestion, SUGGESTION, itemPath + ".");
            extension(suggestion.get("extension"), itemPath + ".extension");
            ids.add(uuid(suggestion, "id", itemPath + ".id", "the uuid of a suggestion of this card"));
        }
        return ids;
    }

    private static FeedbackItem.OverrideReason overrideReason(JsonNode node, String path, Outcome outcome) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (outcome != Outcome.OVERRIDDEN) {
            throw new InvalidRequestException(path, "'" + path + "' is only for overridden outcomes");
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(path, "'" + path + "' must be an object with 'reason' and/or 'userComment'");
        }
        onlyKnown(node, OVERRIDE_REASON, path + ".");
        extension(node.get("extension"), path + ".extension");
        String system = null;
        String code = null;
        String display = null;
        JsonNode reason = node.get("reason");
        if (reason != null && !reason.isNull()) {
            String reasonPath = path + ".reason";
            if (!reason.isObject()) {
                throw new InvalidRequestException(reasonPath, "'" + reasonPath + "' must be a Coding {system, code, display}");
            }
            onlyKnown(reason, CODING, reasonPath + ".");
            code = JsonBodies.text(reason, "code", reasonPath + ".code", true, MAX_CODING_LENGTH);
            system = JsonBodies.text(reason, "system", reasonPath + ".system", true, MAX_SYSTEM_OR_DISPLAY_LENGTH);
            display = JsonBodies.text(reason, "display", reasonPath + ".display", false, MAX_SYSTEM_OR_DISPLAY_LENGTH);
        }
        String comment = JsonBodies.text(node, "userComment", path + ".userComment", false, MAX_COMMENT_LENGTH);
        if (code == null && comment == null) {
            throw new InvalidRequestException(path, "'" + path + "' must have a 'reason', a 'userComment', or both");
        }
        return new FeedbackItem.OverrideReason(system, code, display, comment);
    }

    private static Instant timestamp(JsonNode parent, String path) {
        String text = JsonBodies.text(parent, "outcomeTimestamp", path, true, 64);
        if (!RFC_3339.matcher(text).matches()) {
            throw new InvalidRequestException(path, "'" + path + "' must be an RFC 3339 date-time in UTC, e.g. 2026-11-20T10:05:31Z");
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(path, "'" + path + "' is not a valid date-time (RFC 3339)");
        }
        if (!parsed.getOffset().equals(ZoneOffset.UTC)) {
            throw new InvalidRequestException(path, "'" + path + "' must be in UTC (Z or +00:00), as CDS Hooks requires");
        }
        return parsed.toInstant();
    }

    private static String uuid(JsonNode parent, String field, String path, String what) {
        String text = JsonBodies.text(parent, field, path, true, Integer.MAX_VALUE);
        String canonical = Uuids.canonical(text);
        if (canonical == null) {
            throw new InvalidRequestException(path, "'" + path + "' must be a UUID: " + what);
        }
        return canonical;
    }

    /** CDS Hooks "Extensions": an object with at least one member. */
    private static void extension(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidRequestException(path, "'" + path + "' must be a non-empty JSON object");
        }
    }

    private static void onlyKnown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String field = prefix + printable(name);
                throw new InvalidRequestException(field, "'" + field + "' is not a CDS Hooks 2.0 feedback attribute");
            }
        }
    }

    /** An unknown attribute name is echoed: keep it short and printable. */
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}

package health.flipside.support;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a request body that must be one JSON object, and the text fields in it: the hook call and the feedback call
 * alike, so both name a bad field the same way.
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * @param mapper   the caller's mapper (its own strictness: trailing tokens, duplicate keys)
     * @param expected what the body should be, for the message, e.g. "a CDS Hooks request"
     * @throws InvalidRequestException naming "$" when the body is empty, not JSON (with line and column), or not an object
     */
    public static JsonNode object(ObjectMapper mapper, RequestBody body, String expected) {
        return read(body, expected, () -> {
            JsonNode root = body.isUtf8() ? mapper.readTree(utf8(body.bytes())) : mapper.readTree(body.text());
            if (root == null || !root.isObject()) {
                throw new InvalidRequestException("$", "Request body must be a JSON object");
            }
            return root;
        });
    }

    /** How a body is read from Jackson's parser, one token after another. */
    public interface Streaming<T> {
        /**
         * @return what was read, or null when the body does not start as a JSON object (then {@link #stream} reads it
         * whole, as {@link #object} does, to name the problem the same way)
         */
        T read(JsonParser parser) throws IOException;
    }

    /**
     * The body read token by token, for a body too large to hold as one tree: the same refusals as {@link #object},
     * with the same words (empty, not JSON with line and column, a limit of the parser, trailing content).
     *
     * @param mapper makes the parser and reads the trees within the body; it must not refuse trailing tokens itself
     *               (FAIL_ON_TRAILING_TOKENS would take the rest of the body for trailing content of each tree)
     */
    public static <T> T stream(ObjectMapper mapper, RequestBody body, String expected, Streaming<T> streaming) {
        T read = read(body, expected, () -> {
            try (JsonParser parser = body.isUtf8() ? mapper.createParser(utf8(body.bytes())) : mapper.createParser(body.text())) {
                T value = streaming.read(parser);
                JsonToken trailing = value == null ? null : parser.nextToken();
                if (trailing != null) { // as Jackson's FAIL_ON_TRAILING_TOKENS says it
                    throw MismatchedInputException.from(parser, JsonNode.class, "Trailing token (of type " + trailing
                            + ") found after value");
                }
                return value;
            }
        });
        if (read == null) { // not an object: read whole, as object() does, to name the problem the same way
            ObjectReader whole = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            read(body, expected, () -> body.isUtf8() ? whole.readTree(utf8(body.bytes())) : whole.readTree(body.text()));
            throw new InvalidRequestException("$", "Request body must be a JSON object");
        }
        return read;
    }

    private interface Parse<T> {
        T parse() throws IOException;
    }

    private static <T> T read(RequestBody body, String expected, Parse<T> parse) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("$", "Request body is empty; expected " + expected + " (JSON object)");
        }
        try {
            return parse.parse();
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException("$", "Request body " + limit(e));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidRequestException("$", "Request body is not valid JSON" + where);
        } catch (IOException e) { // from an array in memory only as a parse failure Jackson did not name
            throw new InvalidRequestException("$", "Request body is not valid JSON");
        }
    }

    /**
     * UTF-8 bytes as the parser is to read them. From bytes, Jackson guesses UTF-16 or UTF-32 when one of the first
     * four is zero; the body said UTF-8, and UTF-8 JSON never holds a zero byte (RFC 8259 escapes U+0000), so such a
     * body is not JSON, as it was not when it was read as UTF-8 text.
     */
    private static byte[] utf8(byte[] bytes) throws JsonParseException {
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                throw new JsonParseException(null, "a zero byte in a UTF-8 body", new JsonLocation(null, i, 1, i + 1));
            }
        }
        return bytes;
    }

    /**
     * The text of {@code parent.field}, non-blank; absent (or JSON null) gives null when not required.
     *
     * @param path      the field's JSON path in the body, for the message (e.g. "context.patientId")
     * @param maxLength longest text accepted ({@link Integer#MAX_VALUE}: no limit)
     * @throws InvalidRequestException naming {@code path}: required and absent, not a string, blank, or too long
     */
    public static String text(JsonNode parent, String field, String path, boolean required, int maxLength) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidRequestException(path, "'" + path + "' is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException(path, "'" + path + "' must be a string");
        }
        String value = node.asText();
        if (value.isBlank()) {
            throw new InvalidRequestException(path, "'" + path + "' must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(path, "'" + path + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** Which JSON limit (see RequestLimits) a body exceeded, in words, with the variable that sets it. */
    private static String limit(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "nests JSON deeper than the limit (flipside.limits.json.depth)";
        }
        if (message.contains("String value length")) {
            return "holds a JSON string longer than the limit (flipside.limits.json.string.length)";
        }
        return "exceeds a JSON parsing limit (" + message.replaceAll("\\s*\\(.*", "").replaceAll("[^A-Za-z0-9 ._-]", "") + ")";
    }
}

package health.flipside.fhir;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Walking a JSON value token by token, for the readers of the usual shapes ({@link JsonObservation}, a Bundle's
 * entries in {@link StreamedBundle}): every reader of a value leaves the parser at the value's last token, and
 * whatever it does not know is {@link Unusual}.
 */
final class JsonTokens {
    private JsonTokens() {
    }

    /** The shape is not one these readers know. No stack trace: it is a branch, not an error. */
    static final class Unusual extends Exception {
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    /**
     * The first field's name of the object the parser is at, with the parser at its value. An empty object (or
     * something else) is unusual.
     */
    static String firstField(JsonParser p) throws Unusual, IOException {
        require(p.currentToken() == JsonToken.START_OBJECT);
        String name = nextField(p);
        require(name != null);
        return name;
    }

    /** The next field's name, with the parser at its value; null at the object's end. */
    static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = p.currentName();
        p.nextToken();
        return name;
    }

    /** Moves from the start of an array to its first item; an empty array (or something else) is unusual. */
    static void firstItem(JsonParser p) throws Unusual, IOException {
        require(p.currentToken() == JsonToken.START_ARRAY);
        require(p.nextToken() != JsonToken.END_ARRAY);
    }

    /**
     * Moves to the last token of the object at nesting depth {@code depth}, from wherever inside it reading stopped
     * (or stays, at its end of input: the parser names that problem when it is asked for the next token).
     */
    static void skipToEnd(JsonParser p, int depth) throws IOException {
        while (!(p.currentToken() == JsonToken.END_OBJECT && p.getParsingContext().getNestingDepth() == depth - 1)) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }

    /**
     * Moves past the value at the parser, to its last token, reading each string as a tree of it would: the parser's
     * limits (a string's length) then refuse the same bodies as when every entry was read as a tree.
     */
    static void skipValue(JsonParser p) throws IOException {
        int depth = 0;
        do {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                p.getText();
            } else if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        } while (depth > 0 && p.nextToken() != null);
    }

    static void require(boolean usual) throws Unusual {
        if (!usual) {
            throw Unusual.INSTANCE;
        }
    }
}

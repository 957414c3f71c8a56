package health.flipside.fhir;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import health.flipside.fhir.JsonTokens.Unusual;

/**
 * One instance of each distinct concept of a request's readings. A record's hundreds or thousands of readings repeat
 * a handful of concepts (the blood-pressure panel, its two components); sharing one instance means each concept's
 * codes, words and hash are worked out once, not for every reading, and the readings hold less (bench/README.md).
 * Made per request and per prefetch key, so it holds nothing past the call; it grows with the body, which the
 * request limits bound.
 */
final class Concepts {
    /** How many concepts are compared before the map is asked: a reading names four or so, the next reading the same. */
    private static final int RECENT = 8;

    private final Map<Concept, Concept> seen = new HashMap<>();
    private final Concept[] recent = new Concept[RECENT];
    private int next;
    /** The request body, when it is read from these bytes; null otherwise (a tree, a body read as text). */
    private final byte[] body;
    private final Span[] spans = new Span[RECENT];
    private int nextSpan;

    /** Where in the body a concept was read from, its bytes from its '{' to its '}'. */
    private record Span(int start, int length, Concept concept) {
    }

    /** Reads one concept from its tokens, with the parser at its first token; leaves the parser at its last. */
    interface TokenReader {
        Concept read(JsonParser parser) throws Unusual, IOException;
    }

    /** Concepts of readings held as trees or text: each is read from its tokens. */
    Concepts() {
        this(null);
    }

    /** @param body the UTF-8 body the parser reads, whose byte offsets it gives; null when there is none */
    Concepts(byte[] body) {
        this.body = body;
    }

    /**
     * The concept at the parser: when its bytes are those of a concept read before in this body, that concept, and the
     * parser is moved past its tokens without making their strings; otherwise the one {@code reader} reads. The strings
     * of a reading's concepts (codes, systems, words) were most of what reading an Observation made: a record's
     * readings repeat the same few concepts byte for byte. Equal bytes from a '{' are the same object to its '}', so
     * it ends where the one before did, and that one was read and found usual.
     */
    Concept read(JsonParser parser, TokenReader reader) throws Unusual, IOException {
        if (body == null || parser.currentToken() != JsonToken.START_OBJECT) {
            return reader.read(parser);
        }
        long offset = parser.currentTokenLocation().getByteOffset();
        if (offset < 0) { // a parser of text: no offsets in these bytes
            return reader.read(parser);
        }
        int start = (int) offset;
        for (Span span : spans) {
            if (span != null && repeats(span, start)) {
                parser.skipChildren();
                return span.concept();
            }
        }
        Concept concept = reader.read(parser);
        int end = (int) parser.currentTokenLocation().getByteOffset(); // its '}'
        spans[nextSpan] = new Span(start, end + 1 - start, concept);
        nextSpan = (nextSpan + 1) % RECENT;
        return concept;
    }

    /** Whether the body's bytes from {@code start} are those of {@code span}, each compared as far as its length. */
    private boolean repeats(Span span, int start) {
        int length = span.length();
        return start + length <= body.length
                && Arrays.equals(body, span.start(), span.start() + length, body, start, start + length);
    }

    /** The concept of this text and these codings: the first equal one this request read, or this one. */
    Concept of(String text, List<Concept.Code> codings) {
        // Comparing the fresh strings with the last few concepts' costs less than hashing them for the map.
        for (Concept c : recent) {
            if (c != null && Objects.equals(c.text(), text) && c.codings().equals(codings)) {
                return c;
            }
        }
        Concept concept = new Concept(text, codings);
        Concept known = seen.putIfAbsent(concept, concept);
        Concept shared = known != null ? known : concept;
        recent[next] = shared;
        next = (next + 1) % RECENT;
        return shared;
    }
}

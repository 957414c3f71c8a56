package health.flipside.fhir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

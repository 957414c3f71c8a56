package health.flipside.fhir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of each distinct concept of a request's readings. A record's hundreds or thousands of readings repeat
 * a handful of concepts (the blood-pressure panel, its two components); sharing one instance means each concept's
 * codes, words and hash are worked out once, not for every reading, and the readings hold less (bench/README.md).
 * Made per request and per prefetch key, so it holds nothing past the call; it grows with the body, which the
 * request limits bound.
 */
final class Concepts {
    private final Map<Concept, Concept> seen = new HashMap<>();

    /** The concept of this text and these codings: the first equal one this request read, or this one. */
    Concept of(String text, List<Concept.Code> codings) {
        Concept concept = new Concept(text, codings);
        Concept known = seen.putIfAbsent(concept, concept);
        return known != null ? known : concept;
    }
}

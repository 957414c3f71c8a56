package health.flipside.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * A CodeableConcept as Flipside reads it, whichever way the resource was read (HAPI model or JSON). Its code
 * strings and words are built when first asked, then kept: every reader asks for them again, for each of thousands of
 * readings, and a request's readings share one instance of each concept ({@link Concepts}). Two concepts with the
 * same text and codings are equal, so what a vocabulary names one is asked once per call ({@link ConceptNames}).
 */
final class Concept {
    static final Concept NONE = new Concept(null, List.of());

    /** One coding; {@code ordinal} is its ordinalValue extension (questionnaire answers), or null. */
    record Code(String system, String code, String display, Integer ordinal) {
    }

    private final String text;
    private final List<Code> codings;
    /*
     * Computed when first asked, racy but safe (every thread computes an equal, immutable value): many concepts (a
     * category's, a duplicate's before it is shared) are never asked. Null, or 0 for the hash: not yet.
     */
    private Set<String> codes;
    private List<String> texts;
    private int hash;

    /** @param text the concept's text, or null; @param codings its codings, in document order */
    Concept(String text, List<Code> codings) {
        this.text = text;
        // Loops and small lists, not streams and copies: thousands of concepts per request (bench/README.md).
        this.codings = small(codings);
    }

    /** An unmodifiable copy; one or two items without an array (most concepts have one or two codings). */
    private static <T> List<T> small(List<T> items) {
        return switch (items.size()) {
            case 0 -> List.of();
            case 1 -> List.of(items.get(0));
            case 2 -> List.of(items.get(0), items.get(1));
            default -> List.copyOf(items);
        };
    }

    /** The codes as a set; one or two without hashing them here (they are hashed once, when first looked up). */
    private static Set<String> codes(List<Code> codings) {
        if (codings.size() <= 2) {
            String first = codings.isEmpty() ? null : codeOf(codings.get(0));
            String second = codings.size() < 2 ? null : codeOf(codings.get(1));
            return first == null ? Set.of() : second == null || second.equals(first) ? Set.of(first) : Set.of(first, second);
        }
        Set<String> all = new HashSet<>(codings.size() * 2);
        for (Code c : codings) {
            all.add(codeOf(c));
        }
        return Set.copyOf(all);
    }

    private static String codeOf(Code c) {
        return c.system() + "|" + c.code();
    }

    /** "system|code" of every coding of a HAPI concept (an Observation's are read as {@link Concept}s). */
    static Set<String> codesOf(CodeableConcept concept) {
        return of(concept).codes();
    }

    /** From a HAPI concept (null reads as none). */
    static Concept of(CodeableConcept concept) {
        if (concept == null) {
            return NONE;
        }
        List<Code> codings = new ArrayList<>();
        concept.getCoding().forEach(c -> codings.add(FhirValues.code(c)));
        return new Concept(concept.getText(), codings);
    }

    String text() {
        return text;
    }

    List<Code> codings() {
        return codings;
    }

    /** "system|code" of every coding. */
    Set<String> codes() {
        Set<String> c = codes;
        if (c == null) {
            c = codes(codings);
            codes = c;
        }
        return c;
    }

    /** The text, then every coding's display: the words vocabularies and answers are read from. */
    List<String> texts() {
        List<String> t = texts;
        if (t == null) {
            List<String> words = new ArrayList<>(codings.size() + 1);
            if (text != null) {
                words.add(text);
            }
            for (Code c : codings) {
                if (c.display() != null) { // a missing part reads "null", as it always has
                    words.add(c.display());
                }
            }
            t = small(words);
            texts = t;
        }
        return t;
    }

    boolean isEmpty() {
        return text == null && codings.isEmpty();
    }

    /** Whether any of its codes is one of {@code wanted} ("system|code"). */
    boolean hasAnyOf(Set<String> wanted) {
        for (String code : codes()) { // a loop over its one or two codes, not over {@code wanted}: once per reading
            if (wanted.contains(code)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Concept c && hashCode() == c.hashCode() && Objects.equals(text, c.text)
                && codings.equals(c.codings);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(text, codings);
            hash = h; // racy but safe: every thread computes the same value
        }
        return h;
    }

    @Override
    public String toString() {
        return codes() + " " + texts();
    }
}

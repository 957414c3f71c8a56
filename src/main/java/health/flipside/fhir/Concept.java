package health.flipside.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * A CodeableConcept as Flipside reads it, whichever way the resource was read (HAPI model or JSON). Its code
 * strings and words are built once: every reader asks for them again, for each of thousands of readings. Two concepts
 * with the same text and codings are equal, so what a vocabulary names one is asked once per call
 * ({@link ConceptNames}).
 */
final class Concept {
    static final Concept NONE = new Concept(null, List.of());

    /** One coding; {@code ordinal} is its ordinalValue extension (questionnaire answers), or null. */
    record Code(String system, String code, String display, Integer ordinal) {
    }

    private final String text;
    private final List<Code> codings;
    private final Set<String> codes;
    private final List<String> texts;
    /** Computed when first asked: most concepts (a component's, a value's) are never put in a map. 0 = not yet. */
    private int hash;

    /** @param text the concept's text, or null; @param codings its codings, in document order */
    Concept(String text, List<Code> codings) {
        this.text = text;
        this.codings = List.copyOf(codings);
        // A missing part reads "null", as it always has. Loops, not streams: thousands of concepts per CGM request.
        List<String> words = new ArrayList<>(codings.size() + 1);
        if (text != null) {
            words.add(text);
        }
        for (Code c : codings) {
            if (c.display() != null) {
                words.add(c.display());
            }
        }
        this.codes = codings.size() == 1 ? Set.of(codeOf(codings.get(0))) : codes(codings); // one coding: no HashSet
        this.texts = List.copyOf(words);
    }

    private static Set<String> codes(List<Code> codings) {
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
        return codes;
    }

    /** The text, then every coding's display: the words vocabularies and answers are read from. */
    List<String> texts() {
        return texts;
    }

    boolean isEmpty() {
        return text == null && codings.isEmpty();
    }

    /** Whether any of its codes is one of {@code wanted} ("system|code"). */
    boolean hasAnyOf(Set<String> wanted) {
        for (String code : codes) { // a loop over its one or two codes, not over {@code wanted}: once per reading
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
        return codes + " " + texts;
    }
}

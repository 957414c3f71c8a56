package health.flipside.facts;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a medication belongs to a class staff maintain (antihypertensives in
 * {@code rules/bp/antihypertensives.yaml}, insulin or loop diuretics in {@code rules/common/clinical-context.yaml}):
 * ATC class prefixes and ingredient names, so RxNorm-coded orders (which carry no class) are recognised by their
 * display text.
 */
public record MedicationClassifier(List<String> atcPrefixes, List<String> ingredients,
                                   MedicationClassifier countOnlyWithAnother) {
    static final String ATC_SYSTEM = "http://www.whocc.no/atc";

    /**
     * @param countOnlyWithAnother the members of the class that count only together with another member outside this
     *                             sub-list (heart-failure drugs are not "treated hypertension" on their own), or null
     */
    public MedicationClassifier {
        atcPrefixes = List.copyOf(atcPrefixes);
        ingredients = ingredients.stream().map(i -> i.toLowerCase(Locale.ROOT)).toList();
    }

    public MedicationClassifier(List<String> atcPrefixes, List<String> ingredients) {
        this(atcPrefixes, ingredients, null);
    }

    /** Whether the medication is one of the members that count only together with another. */
    public boolean countsOnlyWithAnother(Collection<String> codes, Collection<String> texts) {
        return countOnlyWithAnother != null && countOnlyWithAnother.matches(codes, texts);
    }

    /** The listed ingredients its texts name ("amlodipine", "valsartan"): a combination pill names two. */
    public List<String> ingredientsIn(Collection<String> texts) {
        return ingredients.stream().filter(i -> texts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(i))).toList();
    }

    /**
     * @param codes "system|code" pairs of the medication concept
     * @param texts its text and coding displays
     */
    public boolean matches(Collection<String> codes, Collection<String> texts) {
        boolean byAtc = codes.stream()
                .filter(c -> c.startsWith(ATC_SYSTEM + "|"))
                .map(c -> c.substring(ATC_SYSTEM.length() + 1))
                .anyMatch(code -> atcPrefixes.stream().anyMatch(code::startsWith));
        return byAtc || texts.stream()
                .map(t -> t.toLowerCase(Locale.ROOT))
                .anyMatch(text -> ingredients.stream().anyMatch(text::contains));
    }
}

package health.flipside.facts.proms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The PROM results no other card reports (no warning, no improvement, no positive screen, not the item 9
 * administration): one line each in the merged summary card, so the picture is complete without a card per score.
 * Their names also make a short list for the summary line ("PHQ-9 8 (mild), GAD-7 6 (mild) and 2 more"), worded by
 * cds-cards/partials/prom-overview-names.mustache and prom-overview-more.mustache; Java only decides how many fit.
 *
 * @param results    those results, PHQ-9 first
 * @param esas       the latest ESAS-r when it raised no warning, or null
 * @param listed     how many of {@link #names()} the summary line lists; the rest it counts
 */
public record PromOverview(List<PromResult> results, EsasAssessment esas, int listed) {
    /** Longest list of names in the summary line before the rest is counted ("and 2 more"). */
    private static final int NAMES_MAX_CHARS = 90;

    /**
     * One name of the summary line: a result, or the ESAS-r (its highest rating).
     *
     * @param first whether it opens the line (no ", " before it)
     */
    public record Name(PromResult result, EsasAssessment esasHighest, boolean first) {
    }

    public PromOverview {
        results = List.copyOf(results);
    }

    /** The overview with every name listed. */
    public PromOverview(List<PromResult> results, EsasAssessment esas) {
        this(results, esas, results.size() + (esas == null ? 0 : 1));
    }

    public boolean hasEsas() {
        return esas != null;
    }

    /** Every result, then the ESAS-r. */
    public List<Name> names() {
        List<Name> names = new ArrayList<>();
        results.forEach(r -> names.add(new Name(r, null, names.isEmpty())));
        if (esas != null) {
            names.add(new Name(null, esas, names.isEmpty()));
        }
        return names;
    }

    /** The names the summary line lists. */
    public List<Name> listedNames() {
        return names().subList(0, listed);
    }

    /** How many names the summary line counts instead of listing them. */
    public int more() {
        return names().size() - listed;
    }

    public boolean hasMore() {
        return more() > 0;
    }

    /**
     * The overview listing as many names as fit the summary line, measured on the words the card shows:
     * {@code listedWords} renders the listed names of an overview (cds-cards' prom-overview-names partial).
     */
    public PromOverview fitted(Function<PromOverview, String> listedWords) {
        int all = names().size();
        for (int listing = 1; listing <= all; listing++) {
            if (listedWords.apply(new PromOverview(results, esas, listing)).length() > NAMES_MAX_CHARS) {
                return new PromOverview(results, esas, listing - 1);
            }
        }
        return new PromOverview(results, esas, all);
    }
}

package health.flipside.facts.proms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The PROM results no other card reports (no warning, no improvement, no positive screen, not the item 9
 * administration): one line each in the merged summary card, so the picture is complete without a card per score.
 *
 * @param results    those results, PHQ-9 first
 * @param esas       the latest ESAS-r when it raised no warning, or null
 * @param namesText  "PHQ-9 8 (mild), GAD-7 6 (mild)": the short list for a summary line, null until
 *                   {@link #named} words the bands
 */
public record PromOverview(List<PromResult> results, EsasAssessment esas, String namesText) {
    /** Longest list of names in the summary line before the rest is counted ("and 2 more"). */
    private static final int NAMES_MAX_CHARS = 90;

    public PromOverview {
        results = List.copyOf(results);
    }

    public boolean hasEsas() {
        return esas != null;
    }

    /**
     * The overview with its summary line, each band worded by {@code bandWords} (the cards' prom-band partial, so the
     * line says what the cards say): the list is cut to fit the summary, so its length needs the words.
     */
    public PromOverview named(Function<PromBand, String> bandWords) {
        List<String> names = new ArrayList<>();
        results.forEach(r -> names.add(r.name() + " " + r.scoreText() + " (" + bandWords.apply(r.band()) + ")"));
        if (esas != null) {
            names.add("ESAS-r highest " + esas.highest() + "/10");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String next = (i == 0 ? "" : ", ") + names.get(i);
            if (text.length() + next.length() > NAMES_MAX_CHARS) {
                return new PromOverview(results, esas, text + " and " + (names.size() - i) + " more");
            }
            text.append(next);
        }
        return new PromOverview(results, esas, text.toString());
    }
}

package health.flipside.facts.proms;

import java.util.List;

/**
 * The PROM results no other card reports (no warning, no improvement, no positive screen, not the item 9
 * administration): one line each in the merged summary card, so the picture is complete without a card per score.
 *
 * @param results    those results, PHQ-9 first
 * @param esas       the latest ESAS-r when it raised no warning, or null
 * @param namesText  "PHQ-9 8 (mild), GAD-7 6 (mild)": the short list for a summary line
 */
public record PromOverview(List<PromResult> results, EsasAssessment esas, String namesText) {
    public PromOverview {
        results = List.copyOf(results);
    }

    public boolean hasEsas() {
        return esas != null;
    }
}

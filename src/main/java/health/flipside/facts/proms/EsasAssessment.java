package health.flipside.facts.proms;

import java.util.List;

/**
 * The latest ESAS-r (Edmonton Symptom Assessment System, revised) in the look-back: nine symptoms rated 0–10,
 * higher worse for every item (docs/clinical-sources.md, PROMs). Items are compared with the same symptom of an earlier
 * administration.
 *
 * @param completedOn   local date, "18 Nov 2026"
 * @param daysAgo       whole days before now
 * @param remote        self-completed remotely
 * @param items         every item answered, highest first
 * @param severe        items at or above esasSevere (7): a warning (§6)
 * @param deteriorated  items worse by at least esasItemMcid against the earlier administration
 * @param improved      items better by at least esasItemMcid
 * @param severeList    "pain 8, tiredness 7"; null when none
 * @param deterioratedList "pain 3 → 6"; null when none
 * @param improvedList  "nausea 6 → 2"; null when none
 * @param notableList   items at or above esasModerate, "pain 5, tiredness 4"; null when none
 * @param previousOn    local date of the administration compared with, or null
 */
public record EsasAssessment(String completedOn, int daysAgo, boolean remote, List<Item> items, List<Item> severe,
                             List<Item> deteriorated, List<Item> improved, String severeList, String deterioratedList,
                             String improvedList, String notableList, String previousOn) {

    /** One symptom: its score, band, and the earlier score of the same symptom (-1 when none). */
    public record Item(String symptom, int score, String band, int previous) {
    }

    public EsasAssessment {
        items = List.copyOf(items);
        severe = List.copyOf(severe);
        deteriorated = List.copyOf(deteriorated);
        improved = List.copyOf(improved);
    }

    public boolean anySevere() {
        return !severe.isEmpty();
    }

    public boolean anyDeteriorated() {
        return !deteriorated.isEmpty();
    }

    public int highest() {
        return items.isEmpty() ? 0 : items.get(0).score();
    }

    public int answered() {
        return items.size();
    }
}

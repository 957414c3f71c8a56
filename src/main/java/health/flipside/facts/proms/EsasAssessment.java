package health.flipside.facts.proms;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest ESAS-r (Edmonton Symptom Assessment System, revised) in the look-back: nine symptoms rated 0–10,
 * higher worse for every item (docs/clinical-sources.md, PROMs). Items are compared with the same symptom of an earlier
 * administration. The cards list the items of each list themselves (cds-cards/partials/esas-score.mustache: "pain 8,
 * tiredness 7"; esas-change.mustache: "pain 3 → 6").
 *
 * @param completedOn   local date, "18 Nov 2026"
 * @param daysAgo       whole days before now
 * @param remote        self-completed remotely
 * @param items         every item answered, highest first
 * @param severe        items at or above esasSevere (7): a warning (§6), highest first
 * @param deteriorated  items worse by at least esasItemMcid against the earlier administration, highest first
 * @param improved      items better by at least esasItemMcid
 * @param notable       items at or above esasModerate, highest first
 * @param previousOn    local date of the administration compared with, or null
 */
public record EsasAssessment(String completedOn, int daysAgo, boolean remote, List<Item> items, List<Item> severe,
                             List<Item> deteriorated, List<Item> improved, List<Item> notable, String previousOn) {

    /**
     * One symptom: its score, band, and the earlier score of the same symptom (-1 when none).
     *
     * @param first whether it opens the list it is in: a card puts ", " before every other item
     */
    public record Item(EsasSymptom symptom, int score, EsasBand band, int previous, boolean first) {
    }

    public EsasAssessment {
        items = listed(items);
        severe = listed(severe);
        deteriorated = listed(deteriorated);
        improved = listed(improved);
        notable = listed(notable);
    }

    /** The items in their order, the first one marked (an item is in several lists, first in some of them). */
    private static List<Item> listed(List<Item> items) {
        List<Item> listed = new ArrayList<>();
        for (Item item : items) {
            listed.add(new Item(item.symptom(), item.score(), item.band(), item.previous(), listed.isEmpty()));
        }
        return List.copyOf(listed);
    }

    public boolean anySevere() {
        return !severe.isEmpty();
    }

    public boolean anyDeteriorated() {
        return !deteriorated.isEmpty();
    }

    public boolean anyImproved() {
        return !improved.isEmpty();
    }

    public boolean anyNotable() {
        return !notable.isEmpty();
    }

    public int highest() {
        return items.isEmpty() ? 0 : items.get(0).score();
    }

    public int answered() {
        return items.size();
    }
}

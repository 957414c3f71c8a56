package health.flipside.facts.proms;

import health.flipside.facts.CardFeedback;

/**
 * The most recent positive answer to PHQ-9 item 9 ("thoughts that you would be better off dead, or of hurting
 * yourself") in the look-back, with what the chart says happened since (docs/clinical-sources.md, PROMs;
 * docs/design.md "Card policy"). Read from
 * any PHQ-9 administration, complete or not: the safety item counts even when the form was left unfinished.
 *
 * @param value           the answer, 1–3 (1 several days, 2 more than half the days, 3 nearly every day)
 * @param answer          the answer's words
 * @param completedAt     local date and time of completion, "18 Nov 09:15" (the patient's wall clock)
 * @param completedOn     local date with year, "18 Nov 2026"
 * @param daysAgo         whole days before now
 * @param remote          self-completed remotely (portal/app, patient or carer as author) rather than in clinic
 * @param withinWindow    completed within the last item9WindowDays (the same-day safety window)
 * @param assessedSince   a suicide risk assessment is documented at or after the completion
 * @param lastAssessment  local date of the last documented assessment, or null when none is documented
 * @param totalKnown      the administration has a total (all items answered, or a recorded total)
 * @param total           that total (0 when unknown)
 * @param band            the total's severity band (cds-cards/partials/prom-band.mustache), or null
 * @param itemsAnswered   items answered in that administration
 * @param itemsExpected   items of the PHQ-9 (9)
 * @param formUnfinished  it comes from a form left with items unanswered (or not submitted); false for a complete
 *                        administration and for item Observations filed without any total
 * @param laterNegative   a later PHQ-9 answered item 9 "not at all" (not reassurance on its own, Louzon 2016, but
 *                        it ends the item 9 card: issue 9)
 * @param laterNegativeOn its local date, or null
 * @param dealtWith       a clinician said the item 9 card was dealt with, at or after the completion: the card was
 *                        accepted, or overridden with a reason of {@code dealtWithReasons} (policy.yaml; feedback
 *                        looked up by the service, {@link CardFeedback})
 * @param dealtWithOn     the local date of that feedback, or null
 */
public record PhqItem9Response(int value, String answer, String completedAt, String completedOn, int daysAgo,
                               boolean remote, boolean withinWindow, boolean assessedSince, String lastAssessment,
                               boolean totalKnown, int total, PromBand band, int itemsAnswered, int itemsExpected,
                               boolean formUnfinished, boolean laterNegative, String laterNegativeOn,
                               boolean dealtWith, String dealtWithOn) {

    /**
     * Nothing has answered the response yet: no assessment documented since, no later "not at all", no card marked
     * as dealt with. While open, it has its own card (critical within the window, a warning after it).
     */
    public boolean open() {
        return !assessedSince && !laterNegative && !dealtWith;
    }

    /** Item Observations without a total (no form, no total in the record): item 9 stands alone. */
    public boolean itemsOnly() {
        return !totalKnown && !formUnfinished;
    }
}

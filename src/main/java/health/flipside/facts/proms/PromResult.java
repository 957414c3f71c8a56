package health.flipside.facts.proms;

/**
 * The latest score of one PROM scale in the look-back (PHQ-9, PHQ-2, GAD-7, PROMIS-29 domains, PROMIS-10 global
 * health, pain NRS), read against its bands and the patient's own earlier score (docs/clinical-sources.md, PROMs and
 * across topics).
 * Every number comes from {@code rules/proms/thresholds.yaml}.
 *
 * @param instrument          "PHQ-9", "GAD-7", "PROMIS-29" …
 * @param scale               "total", "anxiety", "physical function" …
 * @param name                how cards name it: "PHQ-9", "PROMIS-29 anxiety", "Pain NRS"
 * @param higherIsWorse       symptom scales (PHQ, GAD, PROMIS symptoms, pain) run up; function and global health down
 * @param tScore              scored as a T-score (PROMIS): cds-cards/partials/prom-unit.mustache words the unit
 * @param score               the latest score
 * @param scoreText           as people write it ("14", "71.2")
 * @param band                severity band or category as a code (cds-cards/partials/prom-band.mustache words it)
 * @param inWarningRange      in the warning range (docs/clinical-sources.md, PROMs): PHQ-9 ≥ phq9Severe, GAD-7 ≥
 *                            gad7Severe,
 *                            PROMIS-29 symptom T ≥ promisSymptomSevere, PROMIS-29 function T &lt; promisFunctionSevere
 * @param completedOn         local date of completion, "30 Oct 2026"
 * @param daysAgo             whole days before now
 * @param remote              self-completed remotely (portal/app) rather than in clinic
 * @param change              against the earlier score chosen by the interval rules, or null when there is none
 * @param meaningfulImprovement better by at least the MCID
 * @param reliableDeterioration worse by at least the MCID and the reliable-change threshold (§7)
 * @param phq2Positive        a PHQ-2 at or above the positive cut-off (administer the PHQ-9)
 * @param item9Answer         PHQ-9 only: the item 9 answer of this administration, -1 when not known
 * @param reportedWithItem9   PHQ-9 only: this administration is the one an item 9 card already reports (its total
 *                            is shown there, so it is not repeated in the summary)
 */
public record PromResult(String instrument, String scale, String name, boolean higherIsWorse, boolean tScore,
                         double score, String scoreText, PromBand band, boolean inWarningRange, String completedOn,
                         int daysAgo, boolean remote, ScoreChange change, boolean meaningfulImprovement,
                         boolean reliableDeterioration, boolean phq2Positive, int item9Answer,
                         boolean reportedWithItem9) {

    public boolean is(String instrumentName, String scaleName) {
        return instrument.equals(instrumentName) && scale.equals(scaleName);
    }

    /*
     * The instrument as flags, for templates: cards that name the band also name its source (issue 9), worded per
     * instrument in cds-cards/partials/prom-band-source.mustache.
     */
    public boolean phq9() {
        return instrument.equals("PHQ-9");
    }

    public boolean phq2() {
        return instrument.equals("PHQ-2");
    }

    public boolean gad7() {
        return instrument.equals("GAD-7");
    }

    public boolean painNrs() {
        return instrument.equals("Pain NRS");
    }

    public boolean promis() {
        return instrument.startsWith("PROMIS");
    }

    /** For templates: the PROMIS-29 domains (symptom or function), whose severe range is a warning. */
    public boolean promis29() {
        return instrument.equals("PROMIS-29");
    }

    /** For templates: a 0–10 pain rating, whose improvement also counts by percentage (Farrar 2001). */
    public boolean pain() {
        return scale.equals("pain") || scale.equals("pain intensity");
    }

    public boolean item9Known() {
        return item9Answer >= 0;
    }

    public boolean item9Zero() {
        return item9Answer == 0;
    }

    public boolean hasChange() {
        return change != null;
    }
}

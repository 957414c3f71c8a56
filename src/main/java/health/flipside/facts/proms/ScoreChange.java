package health.flipside.facts.proms;

/**
 * A PROM score against the patient's own earlier score (docs/clinical-sources.md, across topics): how much it moved,
 * whether the
 * move is clinically meaningful (the instrument's MCID) and whether it is reliable (beyond measurement error, the
 * Reliable Change Index threshold). Direction is already read per scale: {@code better} means improvement whether
 * the scale runs up (function, global health) or down (symptoms).
 *
 * @param previous      the earlier score compared with
 * @param previousText  as people write it ("19", "62.5")
 * @param previousOn    its local date, "20 Oct 2026"
 * @param previousAgo   how long before now, as a period (cds-cards/partials/time-ago.mustache words it)
 * @param daysBetween   days between the two administrations
 * @param delta         latest − previous, signed
 * @param amountText    |delta| as people write it ("5", "6.5")
 * @param percent       |delta| as a percentage of the earlier score (0 when the earlier score is 0)
 * @param mcidText      the instrument's minimal clinically important difference, as written ("5")
 * @param rciText       the reliable-change threshold in points ("6"), "none" when none is configured
 * @param rciRequired   a reliable-change threshold is configured for the scale (pain NRS and ESAS-r have none)
 * @param up            the score rose
 * @param down          the score fell
 * @param better        the change is in the healthy direction
 * @param meaningful    the change reaches the MCID (pain: the points or the percentage, for improvement)
 * @param reliable      the change reaches the reliable-change threshold (always true when none is configured)
 * @param stable        the change is below the MCID
 */
public record ScoreChange(double previous, String previousText, String previousOn, Ago previousAgo,
                          int daysBetween, double delta, String amountText, int percent, String mcidText,
                          String rciText, boolean rciRequired, boolean up, boolean down, boolean better, boolean meaningful,
                          boolean reliable, boolean stable) {

    public boolean meaningfulImprovement() {
        return better && meaningful;
    }

    /** Worse by at least the MCID and beyond the RCI threshold: the §7 rule for a warning. */
    public boolean reliableDeterioration() {
        return !better && delta != 0 && meaningful && reliable;
    }
}

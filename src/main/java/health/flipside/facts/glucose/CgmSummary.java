package health.flipside.facts.glucose;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * The CGM metrics of the consensus report (Battelino 2019; ADA Standards of Care 2025 Table 6.2), from the vendor's
 * own summary when one came, else computed from the raw sensor readings. Percentages are % of sensor time.
 *
 * @param fromVendorReport  true: the device maker's report; false: computed by Flipside from raw readings
 * @param days              days of wear the metrics cover
 * @param activePercent     sensor active time, % of the report period
 * @param interpretable     the wear gate is met (cgmMinDays and cgmMinActivePercent): below it, no inference
 * @param belowRange        TBR &lt; 70 mg/dL (level 1 + 2), or -1 when the report does not give it
 * @param veryLow           TBR &lt; 54 mg/dL (level 2), or -1
 * @param inRange           TIR 70–180 mg/dL, or -1
 * @param aboveRange        TAR &gt; 180 mg/dL (high + very high), or -1
 * @param veryHigh          TAR &gt; 250 mg/dL, or -1
 * @param cv                coefficient of variation %, or -1
 * @param gmi               glucose management indicator %, or -1
 * @param hypoglycaemiaAboveTarget TBR &lt;70 or TBR &lt;54 at or above its consensus limit
 * @param cvAboveTarget     CV above its limit (a modifier of the hypoglycaemia card, not a card of its own)
 * @param inRangeBelowTarget TIR below its target
 * @param veryHighAboveTarget TAR &gt;250 at or above its limit
 * @param level2Events      level 2 hypoglycaemia events (&lt;54 mg/dL for ≥15 consecutive minutes, {@link CgmEvents})
 *                          in the raw readings, or -1 for a vendor report (it does not give them)
 * @param reportEnd         the last day the vendor report covers (ISO date), or null for computed metrics
 * @param reportDated       the vendor report ended longer ago than {@code reportCurrentDays}: cards print its date so
 *                          it is never read as current
 * @param targets           the targets of this patient's group (adult, older adult, pregnancy) the verdicts use;
 *                          belowRange / inRange / aboveRange are cut at its range (63–140 in pregnancy, from raw
 *                          readings only)
 */
public record CgmSummary(boolean fromVendorReport, double days, double activePercent, boolean interpretable,
                         double belowRange, double veryLow, double inRange, double aboveRange, double veryHigh,
                         double cv, double gmi, boolean hypoglycaemiaAboveTarget, boolean cvAboveTarget,
                         boolean inRangeBelowTarget, boolean veryHighAboveTarget, Provenance provenance,
                         int level2Events, String reportEnd, boolean reportDated, CgmTargets targets) {

    /** The consensus metrics alone: no event count, no report date (see {@link #withLevel2Events}, {@link #withReportEnd}). */
    public CgmSummary(boolean fromVendorReport, double days, double activePercent, boolean interpretable,
                      double belowRange, double veryLow, double inRange, double aboveRange, double veryHigh,
                      double cv, double gmi, boolean hypoglycaemiaAboveTarget, boolean cvAboveTarget,
                      boolean inRangeBelowTarget, boolean veryHighAboveTarget, Provenance provenance, CgmTargets targets) {
        this(fromVendorReport, days, activePercent, interpretable, belowRange, veryLow, inRange, aboveRange, veryHigh,
                cv, gmi, hypoglycaemiaAboveTarget, cvAboveTarget, inRangeBelowTarget, veryHighAboveTarget, provenance,
                -1, null, false, targets);
    }

    public CgmSummary withLevel2Events(int events) {
        return new CgmSummary(fromVendorReport, days, activePercent, interpretable, belowRange, veryLow, inRange,
                aboveRange, veryHigh, cv, gmi, hypoglycaemiaAboveTarget, cvAboveTarget, inRangeBelowTarget,
                veryHighAboveTarget, provenance, events, reportEnd, reportDated, targets);
    }

    public CgmSummary withReportEnd(String end, boolean dated) {
        return new CgmSummary(fromVendorReport, days, activePercent, interpretable, belowRange, veryLow, inRange,
                aboveRange, veryHigh, cv, gmi, hypoglycaemiaAboveTarget, cvAboveTarget, inRangeBelowTarget,
                veryHighAboveTarget, provenance, level2Events, end, dated, targets);
    }

    /** Whether the event count is known (computed from raw readings). */
    public boolean hasLevel2Events() {
        return level2Events >= 0;
    }

    /** For templates (cds-cards/partials/cgm-level2-events.mustache): one event or several. */
    public boolean oneLevel2Event() {
        return level2Events == 1;
    }

    /** Whole days for texts ("14"). */
    public String daysText() {
        return Numbers.oneDecimal(days);
    }

    public String activeText() {
        return Numbers.whole(activePercent);
    }

    public String belowRangeText() {
        return Numbers.oneDecimal(belowRange);
    }

    public String veryLowText() {
        return Numbers.oneDecimal(veryLow);
    }

    public String inRangeText() {
        return Numbers.oneDecimal(inRange);
    }

    public String veryHighText() {
        return Numbers.oneDecimal(veryHigh);
    }

    public String aboveRangeText() {
        return Numbers.oneDecimal(aboveRange);
    }

    public String cvText() {
        return Numbers.oneDecimal(cv);
    }

    public String gmiText() {
        return Numbers.oneDecimal(gmi);
    }

    public boolean hasGmi() {
        return gmi >= 0;
    }

    public boolean hasCv() {
        return cv >= 0;
    }

    /** TIR in hours a day, the consensus's plain-language translation ("about 17 hours"). */
    public String inRangeHoursPerDay() {
        return Numbers.whole(inRange * 24 / 100);
    }
}

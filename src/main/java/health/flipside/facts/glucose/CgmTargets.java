package health.flipside.facts.glucose;

import health.flipside.facts.Numbers;
import health.flipside.facts.PatientContext;
import health.flipside.facts.Thresholds;
import java.util.List;

/**
 * The CGM targets that apply to this patient (International Consensus on Time in Range, Battelino et al., Diabetes
 * Care 2019 [V]): most adults; older / high-risk adults (TIR &gt; 50 %, &lt; 70 mg/dL &lt; 1 %, &gt; 250 mg/dL &lt; 10 %);
 * pregnancy (type 1: 63–140 mg/dL &gt; 70 %, &lt; 63 &lt; 4 %, &lt; 54 &lt; 1 %). Chosen from the {@link PatientContext};
 * every number from {@code rules/glucose/thresholds.yaml}. Pregnancy ranges need the raw readings: a vendor report's
 * 70–180 percentages cannot be re-cut to 63–140, so a report is not judged against them ({@link #judged} false).
 *
 * @param group          "adult", "older-adult" or "pregnancy" (cds-cards/partials/cgm-target-group.mustache words it)
 * @param rangeLow       lower bound of the target range, mg/dL (70; 63 in pregnancy)
 * @param rangeHigh      upper bound, mg/dL (180; 140 in pregnancy)
 * @param inRangeTarget  TIR goal, % (more than)
 * @param belowRangeMax  time below rangeLow, % (less than)
 * @param veryLowMax     time below 54 mg/dL, % (less than)
 * @param veryHighMax    time above 250 mg/dL, % (less than), or -1 when the group has no such goal
 * @param judged         false: the data cannot be judged against these targets (a vendor report in pregnancy)
 */
public record CgmTargets(String group, double rangeLow, double rangeHigh, double inRangeTarget, double belowRangeMax,
                         double veryLowMax, double veryHighMax, boolean judged) {
    public static final List<String> REQUIRED_THRESHOLDS = List.of("olderInRangeTarget", "olderBelowRangeMax",
            "olderVeryHighMax", "pregnancyRangeLow", "pregnancyRangeHigh", "pregnancyInRangeTarget",
            "pregnancyBelowRangeMax", "pregnancyVeryLowMax");

    /** The targets for this patient; {@code fromVendorReport} says whether the percentages come pre-cut at 70–180. */
    public static CgmTargets of(PatientContext patient, Thresholds t, boolean fromVendorReport) {
        if (patient.pregnant()) {
            return new CgmTargets("pregnancy", t.get("pregnancyRangeLow"), t.get("pregnancyRangeHigh"),
                    t.get("pregnancyInRangeTarget"), t.get("pregnancyBelowRangeMax"), t.get("pregnancyVeryLowMax"), -1,
                    !fromVendorReport);
        }
        if (patient.olderAdult()) {
            return new CgmTargets("older-adult", t.get("level1Below"), t.get("rangeHighAbove"), t.get("olderInRangeTarget"),
                    t.get("olderBelowRangeMax"), t.get("veryLowMax"), t.get("olderVeryHighMax"), true);
        }
        return new CgmTargets("adult", t.get("level1Below"), t.get("rangeHighAbove"), t.get("inRangeTarget"),
                t.get("belowRangeMax"), t.get("veryLowMax"), t.get("veryHighMax"), true);
    }

    public boolean pregnancy() {
        return group.equals("pregnancy");
    }

    public boolean olderAdult() {
        return group.equals("older-adult");
    }

    /** The most-adults group (for templates: the group is worded in cds-cards/partials/cgm-target-group.mustache). */
    public boolean adult() {
        return group.equals("adult");
    }

    public boolean hasVeryHighGoal() {
        return veryHighMax >= 0;
    }

    public String rangeHighText() {
        return Numbers.whole(rangeHigh);
    }

    public String rangeLowText() {
        return Numbers.whole(rangeLow);
    }

    public String inRangeTargetText() {
        return Numbers.whole(inRangeTarget);
    }

    public String belowRangeMaxText() {
        return Numbers.whole(belowRangeMax);
    }

    public String veryLowMaxText() {
        return Numbers.whole(veryLowMax);
    }

    public String veryHighMaxText() {
        return Numbers.whole(veryHighMax);
    }

    /** The goal in hours a day, the consensus's plain-language translation (70 % → about 17 hours). */
    public String inRangeTargetHours() {
        return Numbers.whole(inRangeTarget * 24 / 100);
    }
}

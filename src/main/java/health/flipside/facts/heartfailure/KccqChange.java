package health.flipside.facts.heartfailure;

import health.flipside.facts.Numbers;

/**
 * The change of the KCCQ-12 overall summary score between the latest administration and the previous one at least
 * the minimum interval before it (docs/clinical-sources.md, heart failure). 0–100, higher is better. Present when both
 * exist.
 *
 * @param change   latest minus previous (negative: worse)
 * @param size     "small", "moderate" or "large", by the thresholds; "none" below the MCID
 * @param band     the latest score's interpretation band, a code (cds-cards/partials/kccq-band.mustache words it)
 */
public record KccqChange(double latest, String latestOn, boolean latestRemote, double previous, String previousOn,
                         double change, String size, KccqBand band) {

    public boolean declined() {
        return change < 0 && !"none".equals(size);
    }

    public boolean improved() {
        return change > 0 && !"none".equals(size);
    }

    public boolean atLeastModerate() {
        return "moderate".equals(size) || "large".equals(size);
    }

    public String latestText() {
        return Numbers.whole(latest);
    }

    public String previousText() {
        return Numbers.whole(previous);
    }

    /** "18" for a change of −18: texts say "down 18 points". */
    public String changeText() {
        return Numbers.whole(Math.abs(change));
    }
}

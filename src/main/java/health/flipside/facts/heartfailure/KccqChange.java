package health.flipside.facts.heartfailure;

import health.flipside.facts.Numbers;

/**
 * The change of the KCCQ-12 overall summary score between the latest administration and the previous one at least
 * the minimum interval before it (docs/clinical-sources.md, heart failure). 0–100, higher is better. Present when both
 * exist.
 *
 * @param change   latest minus previous (negative: worse)
 * @param size     how large the change is, by the thresholds ({@link KccqChangeSize#NONE} below the MCID)
 * @param band     the latest score's interpretation band
 */
public record KccqChange(double latest, String latestOn, boolean latestRemote, double previous, String previousOn,
                         double change, KccqChangeSize size, KccqBand band) {

    public boolean declined() {
        return change < 0 && size != KccqChangeSize.NONE;
    }

    public boolean improved() {
        return change > 0 && size != KccqChangeSize.NONE;
    }

    public boolean atLeastModerate() {
        return size == KccqChangeSize.MODERATE || size == KccqChangeSize.LARGE;
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

package health.flipside.facts.proms;

/**
 * The Reliable Change Index of Jacobson &amp; Truax (J Consult Clin Psychol 1991;59:12–19 [M for citation]; method as
 * discussed by Maassen, JINS 2004;10:888–893 [V]): whether a change between two scores of one person is larger
 * than the instrument's measurement error would produce by chance (docs/clinical-sources.md, across topics).
 *
 * <pre>
 *   SEM    = SD · √(1 − r)          standard error of measurement (SD of the reference sample, r its reliability)
 *   S_diff = √2 · SEM               standard error of the difference between two scores
 *   RCI    = (x₂ − x₁) / S_diff     |RCI| &gt; z (1.96 for 95 %) is a reliable change
 * </pre>
 *
 * Where a source gives the threshold in score points instead (PHQ-9 ≈ 6, GAD-7 ≈ 6 [S]), that precomputed value is
 * used as is: {@link #exceeds(double, double)}. Pure functions, no state.
 */
public final class ReliableChange {
    private ReliableChange() {
    }

    /** Standard error of measurement: SD · √(1 − r). */
    public static double sem(double sd, double reliability) {
        check(sd, reliability);
        return sd * Math.sqrt(1 - reliability);
    }

    /** Standard error of the difference of two scores: √2 · SEM. */
    public static double standardErrorOfDifference(double sd, double reliability) {
        return Math.sqrt(2) * sem(sd, reliability);
    }

    /** The Reliable Change Index of a change from {@code before} to {@code after} (signed). */
    public static double index(double before, double after, double sd, double reliability) {
        return (after - before) / standardErrorOfDifference(sd, reliability);
    }

    /** The smallest change, in score points, that is reliable at {@code z}: z · √2 · SD · √(1 − r). */
    public static double threshold(double sd, double reliability, double z) {
        if (!(z > 0)) {
            throw new IllegalArgumentException("z must be positive, was " + z);
        }
        return z * standardErrorOfDifference(sd, reliability);
    }

    /**
     * Whether a change (signed, in score points) reaches a reliable-change threshold in points. A threshold of 0
     * or less means "no reliable-change requirement" (an instrument for which no threshold is configured).
     */
    public static boolean exceeds(double change, double threshold) {
        return threshold <= 0 || Math.abs(change) >= threshold;
    }

    private static void check(double sd, double reliability) {
        if (!(sd > 0)) {
            throw new IllegalArgumentException("SD must be positive, was " + sd);
        }
        if (!(reliability >= 0 && reliability < 1)) {
            throw new IllegalArgumentException("reliability must be in [0, 1), was " + reliability);
        }
    }
}

package health.flipside.facts;

/** Daily steps over the recent window (clinical.md §5): the median of days with a count. Present above the gate. */
public record StepCount(double median, int days, int windowDays, Provenance provenance) {
    public String medianText() {
        return String.format(java.util.Locale.ENGLISH, "%,d", Math.round(median / 100) * 100);
    }
}

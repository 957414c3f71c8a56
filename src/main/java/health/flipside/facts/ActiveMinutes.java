package health.flipside.facts;

/** Minutes of moderate-or-vigorous activity in the recent week (clinical.md §5, WHO 2020). Present above the gate. */
public record ActiveMinutes(double minutesPerWeek, int days, Provenance provenance) {
    public String minutesText() {
        return Numbers.whole(minutesPerWeek);
    }
}

package health.flipside.facts;

/**
 * Meter (SMBG) readings below the hypoglycaemia level 1 limit in the recent window: single low values are always
 * reportable (clinical.md §2.3). Present only when there is at least one.
 *
 * @param readings low readings; {@code level2} of them below the level 2 limit
 * @param lowest   the lowest, mg/dL
 * @param lowestAt its local time ("17 Nov 06:40")
 */
public record GlucoseLows(int readings, int level2, double lowest, String lowestAt, Provenance provenance) {
    public String lowestText() {
        return Numbers.whole(lowest);
    }

    public boolean hasLevel2() {
        return level2 > 0;
    }
}

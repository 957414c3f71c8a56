package health.flipside.facts;

/**
 * Where a card's data came from, for the provenance line every card carries (docs/design.md "Card policy").
 *
 * @param source         e.g. "Tier A: clinic-issued validated device (Omron HEM-9200T)"
 * @param readings       readings the finding rests on
 * @param days           distinct days with readings
 * @param windowDays     the look-back window
 * @param longestGapDays longest run of days without a reading inside the window, 0 when none
 * @param notUsed        readings seen but not used, described (e.g. "3 cuffless watch readings not used"), or null
 * @param tier           the least trusted device tier among the readings used (the card policy caps consumer and
 *                       self-reported data by it), or null when the finding rests on no device (PROMs, no data)
 * @param report         for data a device summarised itself (a vendor CGM report): that report in words, shown
 *                       instead of readings and days; null otherwise
 */
public record Provenance(String source, int readings, int days, int windowDays, int longestGapDays, String notUsed,
                         DeviceTier tier, String report) {

    /** The provenance of a device's own summary report (its readings are not in the record, only the report). */
    public static Provenance ofReport(String source, String report, DeviceTier tier) {
        return new Provenance(source, 0, 0, 0, 0, null, tier, report);
    }

    /** For templates: Mustache treats 0 as present, so sections test these instead. */
    public boolean hasReadings() {
        return readings > 0;
    }

    public boolean hasGap() {
        return longestGapDays > 0;
    }
}

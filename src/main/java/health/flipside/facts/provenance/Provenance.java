package health.flipside.facts.provenance;

/**
 * Where a card's data came from, for the provenance line every card carries (docs/design.md "Card policy").
 *
 * @param source         the devices by tier (cds-cards/partials/device-source.mustache: "Tier A: clinic-issued
 *                       validated device (Omron HEM-9200T)")
 * @param readings       readings the finding rests on
 * @param days           distinct days with readings
 * @param windowDays     the look-back window
 * @param longestGapDays longest run of days without a reading inside the window, 0 when none
 * @param notUsed        readings seen but not used, counted (the card texts word them), or null when there are none
 * @param tier           the least trusted device tier among the readings used (the card policy caps consumer and
 *                       self-reported data by it), or null when the finding rests on no device (PROMs, no data)
 * @param report         for CGM data, the report the numbers come from (a vendor's, or computed from the readings),
 *                       shown instead of readings and days; null otherwise
 */
public record Provenance(DeviceSource source, int readings, int days, int windowDays, int longestGapDays, NotUsed notUsed,
                         DeviceTier tier, CgmReport report) {

    /** The provenance of CGM metrics: the report they come from stands for readings and days. */
    public static Provenance ofReport(DeviceSource source, CgmReport report, DeviceTier tier) {
        return new Provenance(source, 0, 0, 0, 0, null, tier, report);
    }

    /**
     * Readings seen and left out, for the data line (cds-cards/partials/provenance.mustache words them).
     *
     * @param cufflessReadings    cuffless (watch, ring) blood pressure estimates
     * @param unqualifiedReadings unvalidated or self-reported blood pressure readings
     * @param earlierScale        weights from a scale the patient no longer uses (the baseline restarts)
     */
    public record NotUsed(int cufflessReadings, int unqualifiedReadings, boolean earlierScale) {
        /** Blood pressure readings left out, or null when there are none. */
        public static NotUsed readings(int cuffless, int unqualified) {
            return cuffless == 0 && unqualified == 0 ? null : new NotUsed(cuffless, unqualified, false);
        }

        /** Weights of an earlier scale, not compared with the new one's. */
        public static final NotUsed EARLIER_SCALE = new NotUsed(0, 0, true);

        public boolean hasCuffless() {
            return cufflessReadings > 0;
        }

        public boolean oneCuffless() {
            return cufflessReadings == 1;
        }

        public boolean hasUnqualified() {
            return unqualifiedReadings > 0;
        }

        public boolean oneUnqualified() {
            return unqualifiedReadings == 1;
        }

        /** Both kinds of readings are left out (the text joins them). */
        public boolean cufflessAndUnqualified() {
            return hasCuffless() && hasUnqualified();
        }
    }

    /**
     * The CGM report the metrics come from, for the data line (cds-cards/partials/provenance.mustache words it).
     *
     * @param vendor               the vendor's own report; false: computed from the sensor readings
     * @param daysText             days the report covers, e.g. "14.0" (vendor) or "13" (computed)
     * @param activeText           sensor active time in %, e.g. "93", or null when the vendor did not report it
     * @param sensorReadings       readings computed from (0 for a vendor report)
     * @param windowDays           the window computed over (0 for a vendor report)
     * @param meetsStandard        enough days and active time to interpret (the reporting standard)
     * @param standardDays         the standard's minimum days
     * @param standardActivePercent the standard's minimum active time, %
     */
    public record CgmReport(boolean vendor, String daysText, String activeText, int sensorReadings, int windowDays,
                            boolean meetsStandard, int standardDays, int standardActivePercent) {
    }

    /** For templates: Mustache treats 0 as present, so sections test these instead. */
    public boolean hasReadings() {
        return readings > 0;
    }

    public boolean hasGap() {
        return longestGapDays > 0;
    }
}

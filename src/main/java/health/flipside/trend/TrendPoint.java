package health.flipside.trend;

/**
 * One plotted value with its provenance, so the page can draw each tier with its own marker shape.
 *
 * @param time     when it was measured (ISO instant)
 * @param value    in the series' unit
 * @param value2   a second value of the same reading (diastolic beside systolic), or null
 * @param tier     device tier code A–D
 * @param source   the tier in words and the device ("Tier A: clinic-issued validated device (Omron …)"), worded as
 *                 cards word it (cds-cards/partials/device-source.mustache)
 * @param used     the summaries counted it (a watch's cuffless estimate, for one, is shown but never used)
 */
public record TrendPoint(String time, double value, Double value2, String tier, String source, boolean used) {
    static TrendPoint of(java.time.Instant time, double value, Double value2, String tier, String source, boolean used) {
        return new TrendPoint(time.toString(), round1(value), value2 == null ? null : round1(value2), tier, source, used);
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

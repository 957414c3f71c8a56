package health.flipside.trend;

import health.flipside.facts.provenance.DeviceInfo;

/**
 * One plotted value with its provenance, so the page can draw each tier with its own marker shape.
 *
 * @param time     when it was measured (ISO instant)
 * @param value    in the series' unit
 * @param value2   a second value of the same reading (diastolic beside systolic), or null
 * @param tier     device tier code A–D
 * @param source   the tier in words and the device ("Tier A: clinic-issued validated device (Omron …)")
 * @param used     the summaries counted it (a watch's cuffless estimate, for one, is shown but never used)
 */
public record TrendPoint(String time, double value, Double value2, String tier, String source, boolean used) {
    static TrendPoint of(java.time.Instant time, double value, Double value2, DeviceInfo device, boolean used) {
        return new TrendPoint(time.toString(), round1(value), value2 == null ? null : round1(value2),
                device.tier().code(), "Tier " + device.tier().code() + ": " + device.tier().label()
                        + (device.label() == null || device.label().isBlank() ? "" : " (" + device.label() + ")"),
                used);
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

package health.flipside.trend;

import java.util.List;
import java.util.Map;

/**
 * Glucose as an ambulatory glucose profile: the CGM day by hour (5th to 95th percentile of the sensor readings of the
 * CGM window), the time-in-ranges bar of the CGM summary the cards quote, and meter readings with their provenance.
 *
 * @param profile     one entry per hour of the day with sensor readings; empty without raw sensor readings (a vendor
 *                    report gives the ranges only)
 * @param ranges      the time in ranges of the CGM summary, or null without CGM data
 * @param meter       fingerstick readings of the window
 * @param targetRange the patient's target range (70–180 mg/dL, 63–140 in pregnancy)
 * @param gaps        gaps between days with glucose data
 * @param text        the section's sentences by key ({@link TrendSentences}: ranges, rangesChart, profile, meter)
 */
public record GlucoseTrend(List<ProfileHour> profile, TimeInRanges ranges, List<TrendPoint> meter, Band targetRange,
                           List<Gap> gaps, int windowDays, Map<String, String> text) {
    GlucoseTrend withText(Map<String, String> worded) {
        return new GlucoseTrend(profile, ranges, meter, targetRange, gaps, windowDays, worded);
    }

    /** Percentiles of the sensor readings taken in one hour of the day (local time), mg/dL. */
    public record ProfileHour(int hour, int readings, double p5, double p25, double p50, double p75, double p95) {
    }

    /**
     * Percent of sensor time in each range, as the CGM summary gives them (the consensus report's five ranges), with
     * the patient group's targets.
     */
    public record TimeInRanges(double veryLow, double low, double inRange, double high, double veryHigh,
                               boolean fromVendorReport, boolean interpretable, double days, double activePercent,
                               String group, double inRangeTarget, double belowRangeMax, double veryLowMax,
                               String provenance) {
    }
}

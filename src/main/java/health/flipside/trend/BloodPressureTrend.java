package health.flipside.trend;

import java.util.List;
import java.util.Map;

import health.flipside.facts.provenance.Provenance;

/**
 * Home readings of the protocol window (every tier; {@code used} marks those the mean rests on), office readings of
 * the office look-back, the home and office targets, and the gaps between home reading days.
 *
 * @param home   the home summary the cards quote
 * @param office the office mean the cards quote, or null without office readings
 * @param text   the section's sentences by key ({@link TrendSentences}: summary, chart, targets)
 */
public record BloodPressureTrend(List<TrendPoint> homeReadings, List<TrendPoint> officeReadings, List<Band> targets,
                                 List<Gap> gaps, int windowDays, Home home, Office office, Map<String, String> text) {
    BloodPressureTrend withText(Map<String, String> worded) {
        return new BloodPressureTrend(homeReadings, officeReadings, targets, gaps, windowDays, home, office, worded);
    }

    /** The numbers of the home card: mean of the qualifying readings, their count and days, the gate, provenance. */
    public record Home(int meanSystolic, int meanDiastolic, int readings, int days, boolean gateMet, String provenance,
                       Provenance.NotUsed notUsed) {
    }

    public record Office(int meanSystolic, int meanDiastolic, int visits, int readings, String lastVisit, boolean dated) {
    }
}

package health.flipside.trend;

import java.util.List;

/**
 * What the trend page draws for one patient. A section is null when the patient has no data for it; {@code hasData}
 * is false when every section is.
 *
 * @param unavailable what could not be read from the FHIR server, in words (the page says so)
 */
public record TrendView(String generatedAt, boolean hasData, BloodPressureTrend bloodPressure, GlucoseTrend glucose,
                        WeightTrend weight, List<PromTrend> proms, List<String> unavailable) {
}

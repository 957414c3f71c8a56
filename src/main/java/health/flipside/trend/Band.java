package health.flipside.trend;

/**
 * A horizontal band or line drawn behind a series: a target, a threshold or a severity range.
 *
 * @param label  what it is ("home target < 130/80")
 * @param from   lower edge in the series' unit
 * @param to     upper edge (equal to {@code from} for a line)
 * @param source where the number comes from: the threshold file's source text
 */
public record Band(String label, double from, double to, String source) implements Range {
}

package health.flipside.rules;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule file as it was compiled: the DRL itself, or the DRL Drools generated from a decision table, kept so that
 * checks can read the rules (which templates and thresholds they name) and point back at the author's line.
 *
 * @param generated true when {@code drl} was generated from the decision table {@code file}
 */
public record RuleSource(Path file, String drl, boolean generated) {
    /** Drools writes this comment above every rule it generates from a table row ("rule values at A10"). */
    private static final Pattern ROW_COMMENT = Pattern.compile("^// rule values at [A-Z]+(\\d+)");

    /** The line of the author's file behind line {@code drlLine} of {@link #drl}: the same line, or the table row. */
    public int fileLine(int drlLine) {
        if (!generated) {
            return drlLine;
        }
        String[] lines = drl.split("\n", -1);
        for (int i = Math.min(drlLine, lines.length) - 1; i >= 0; i--) {
            Matcher row = ROW_COMMENT.matcher(lines[i].strip());
            if (row.find()) {
                return Integer.parseInt(row.group(1));
            }
        }
        return 0;
    }
}

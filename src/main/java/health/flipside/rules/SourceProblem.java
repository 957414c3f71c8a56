package health.flipside.rules;

import java.nio.file.Path;

/**
 * One reason clinical content is refused, pointing at what an author must fix.
 *
 * @param file the file at fault, or null when the problem is not in one file (e.g. a missing folder)
 * @param line 1-based line in that file, 0 when no single line is at fault
 */
public record SourceProblem(Path file, int line, String message) {

    public static SourceProblem of(String message) {
        return new SourceProblem(null, 0, message);
    }

    /** "rules/bp/x.drl:12: message", the form editors and terminals turn into a link. */
    @Override
    public String toString() {
        if (file == null) {
            return message;
        }
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}

package health.flipside.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule set that cannot be used. The message names the file (and line, where there is one); {@link #problems()}
 * gives the same as records, for the reload report and the author command.
 */
public class RuleSetException extends RuntimeException {
    private final transient List<SourceProblem> problems;

    public RuleSetException(String message) {
        super(message);
        this.problems = List.of(SourceProblem.of(message));
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(SourceProblem.of(message));
    }

    /** @param headline what went wrong overall, e.g. "Rules do not compile" */
    public RuleSetException(String headline, List<SourceProblem> problems) {
        super(problems.size() == 1 && headline == null ? problems.get(0).toString()
                : (headline == null ? "Rules refused" : headline) + ":\n" + problems.stream().map(p -> "  " + p)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public static RuleSetException at(java.nio.file.Path file, int line, String message) {
        return new RuleSetException(null, List.of(new SourceProblem(file, line, message)));
    }

    public List<SourceProblem> problems() {
        return problems;
    }
}

package health.flipside.content;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import health.flipside.rules.SourceProblem;

/**
 * Reports for a terminal: every problem as "file:line: message" (paths relative to where the author works, so
 * editors turn them into links), and failing scenarios as expected-versus-actual.
 */
public final class ReportText {
    private final Path base;

    /** @param base paths under it are shown relative to it */
    public ReportText(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public String path(Path file) {
        if (file == null) {
            return "";
        }
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }

    public String problem(SourceProblem p) {
        return p.file() == null ? p.message() : path(p.file()) + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message();
    }

    public void problems(PrintStream out, List<SourceProblem> problems) {
        problems.forEach(p -> out.println(problem(p)));
    }

    public void scenario(PrintStream out, ScenarioResult result) {
        if (result.passed()) {
            out.println("PASS " + path(result.file()));
            return;
        }
        out.println("FAIL " + path(result.file()) + (result.description() == null ? "" : "  (" + shorten(result.description()) + ")"));
        for (Mismatch m : result.mismatches()) {
            out.println("  " + path(result.file()) + (m.line() > 0 ? ":" + m.line() : "") + ": " + m.what());
            out.println("      expected: " + m.expected());
            out.println("      actual:   " + m.actual().replace("\n", "\n                "));
        }
        if (result.explained() == null) {
            result.problems().forEach(p -> out.println("  " + problem(p)));
        }
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }
}

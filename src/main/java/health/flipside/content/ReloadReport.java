package health.flipside.content;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reload, as the admin endpoint returns it and the log and health check summarise it. Paths are
 * relative to the folder holding rules/ and cds-cards/. No patient data: scenarios use fictional example patients.
 *
 * @param status  "swapped" (the new set serves) or "refused" (the previous set keeps serving)
 * @param trigger what asked for it: "start-up", "admin", "file change"
 */
public record ReloadReport(String status, String trigger, String at, long millis, int ruleCount, int scenarios,
                           List<Problem> problems, List<FailedScenario> failedScenarios, List<String> warnings) {
    public static final String SWAPPED = "swapped";
    public static final String REFUSED = "refused";

    public ReloadReport {
        problems = List.copyOf(problems);
        failedScenarios = List.copyOf(failedScenarios);
        warnings = List.copyOf(warnings);
    }

    /** @param line 0 when no single line is at fault */
    public record Problem(String file, int line, String message) {
    }

    public record FailedScenario(String file, String description, List<Mismatch> mismatches, List<Problem> problems) {
    }

    public boolean swapped() {
        return SWAPPED.equals(status);
    }

    static ReloadReport of(ContentGate.Report report, String trigger, Instant at, ReportText text) {
        List<Problem> problems = report.problems().stream()
                .map(p -> new Problem(p.file() == null ? null : text.path(p.file()), p.line(), p.message())).toList();
        List<FailedScenario> failed = report.failedScenarios().stream()
                .map(s -> new FailedScenario(text.path(s.file()), s.description(), s.mismatches(), s.explained() != null ? List.of()
                        : s.problems().stream().map(p -> new Problem(text.path(p.file()), p.line(), p.message())).toList()))
                .toList();
        return new ReloadReport(report.accepted() ? SWAPPED : REFUSED, trigger, at.toString(), report.millis(),
                report.ruleCount(), report.scenarios().size(), problems, failed, report.warnings());
    }

    /** One line per problem and failing scenario: for the log and the health check. */
    public String summary() {
        StringBuilder text = new StringBuilder(status + " (" + trigger + ")");
        problems.forEach(p -> text.append("\n  ").append(p.file() == null ? "" : p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": ")
                .append(p.message()));
        failedScenarios.forEach(s -> s.mismatches().forEach(m -> text.append("\n  scenario ").append(s.file())
                .append(m.line() > 0 ? ":" + m.line() : "").append(": ").append(m.what()).append(" expected ")
                .append(m.expected()).append(", actual ").append(m.actual())));
        return text.toString();
    }
}

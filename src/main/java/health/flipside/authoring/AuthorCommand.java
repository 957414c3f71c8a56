package health.flipside.authoring;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.facts.CardFeedback;
import health.flipside.fhir.ResolvedData;
import health.flipside.services.LoadedContent;
import health.flipside.services.SummaryPipeline;
import health.flipside.content.ContentGate;
import health.flipside.content.PatientInput;
import health.flipside.content.ReportText;
import health.flipside.content.Scenario;
import health.flipside.content.ScenarioResult;

/**
 * The authors' command, run from the repository without a server ({@code ./author}, README "Authoring"):
 * <pre>
 *   check                     compile; every template a rule names exists; every threshold read is defined and
 *                             sourced; every card the scenarios render has all its values and a summary under 140
 *   test [scenario.json …]    run the scenarios (all, or those named) and show expected against actual
 *   preview FILE [--now T]    the cards for a hook request, a FHIR Bundle or a scenario, as an EHR shows them
 * </pre>
 * Options: {@code --rules DIR} (default rules), {@code --cards DIR} (default cds-cards). Exit code 0 when all is
 * well, 1 on any problem or failing scenario, 2 on a usage error.
 */
public final class AuthorCommand {
    static final String USAGE = """
            usage: ./author check
                   ./author test [rules/<topic>/tests/<scenario>.json …]
                   ./author preview <hook-request.json | fhir-bundle.json | scenario.json> [--now 2026-11-20T12:00:00Z]
            options: --rules DIR (default: rules)  --cards DIR (default: cds-cards)""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthorCommand() {
    }

    public static void main(String[] args) {
        // Drools and HAPI talk a lot at INFO; authors need only what this command prints.
        Logger.getLogger("").setLevel(Level.SEVERE);
        java.util.Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.SEVERE));
        System.exit(run(args, System.out, Path.of(""), Path.of(System.getProperty("flipside.author.root", ""))));
    }

    /**
     * @param base the folder the author works in: file arguments are resolved, and paths shown, against it
     * @param root the repository: rules/ and cds-cards/ are read from it unless --rules or --cards say otherwise
     */
    public static int run(String[] args, PrintStream out, Path base, Path root) {
        Options options;
        try {
            options = Options.parse(args, base, root);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        ReportText text = new ReportText(base);
        return switch (options.command()) {
            case "check" -> check(options, text, out);
            case "test" -> test(options, text, out);
            case "preview" -> preview(options, text, out);
            default -> {
                out.println("unknown command '" + options.command() + "'");
                out.println(USAGE);
                yield 2;
            }
        };
    }

    private static int check(Options options, ReportText text, PrintStream out) {
        ContentGate.Report report = new ContentGate(options.rules(), options.cards()).evaluate();
        text.problems(out, report.problems());
        report.warnings().forEach(w -> out.println("note: " + w));
        if (report.content() == null) {
            out.println("check: refused, " + report.problems().size() + " problem(s)");
            return 1;
        }
        out.println("check: " + report.ruleCount() + " rules, " + report.content().cards().templates().size()
                + " card templates, " + report.scenarios().size() + " scenarios rendered: "
                + (report.problems().isEmpty() ? "no problems" : report.problems().size() + " problem(s)"));
        return report.problems().isEmpty() ? 0 : 1;
    }

    private static int test(Options options, ReportText text, PrintStream out) {
        ContentGate.Report report = new ContentGate(options.rules(), options.cards()).evaluate();
        if (report.content() == null) {
            text.problems(out, report.problems());
            out.println("test: the rules or cards do not load; no scenario ran");
            return 1;
        }
        List<ScenarioResult> results = report.scenarios();
        if (!options.files().isEmpty()) {
            List<Path> wanted = options.files().stream().map(p -> p.toAbsolutePath().normalize()).toList();
            results = results.stream().filter(r -> wanted.contains(r.file().toAbsolutePath().normalize())).toList();
            if (results.size() != wanted.size()) {
                out.println("test: not every file named is a scenario under " + text.path(options.rules()) + "/*/tests/");
                return 2;
            }
        }
        results.forEach(r -> text.scenario(out, r));
        List<health.flipside.rules.SourceProblem> problems = results.stream().flatMap(r -> r.problems().stream()).distinct().toList();
        if (!problems.isEmpty()) {
            out.println();
            out.println("Template problems:");
            problems.forEach(p -> out.println("  " + text.problem(p)));
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println();
        out.println("scenarios: " + (results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 && problems.isEmpty() ? 0 : 1;
    }

    private static int preview(Options options, ReportText text, PrintStream out) {
        if (options.files().size() != 1) {
            out.println("preview needs exactly one file");
            out.println(USAGE);
            return 2;
        }
        LoadedContent content;
        try {
            content = ContentGate.load(options.rules(), options.cards());
        } catch (health.flipside.rules.RuleSetException e) {
            text.problems(out, e.problems());
            return 1;
        } catch (health.flipside.cards.CardCatalogException e) {
            text.problems(out, e.problems());
            return 1;
        }
        Path file = options.files().get(0);
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            Instant now = options.now();
            ResolvedData data;
            CardFeedback feedback = CardFeedback.NONE;
            if (root != null && root.has("expect") && (root.has("request") || root.has("bundle"))) {
                Scenario scenario = Scenario.read(file);
                data = scenario.data(file);
                feedback = scenario.feedback();
                now = now == null ? scenario.instant() : now;
                out.println("Scenario " + text.path(file) + " at " + now);
            } else {
                data = PatientInput.read(file);
                now = now == null ? Instant.now() : now;
                out.println("Preview of " + text.path(file) + " at " + now);
            }
            out.println();
            SummaryPipeline.Explained run = content.pipeline().explain(data, now, feedback);
            PreviewText.print(out, run);
            return run.problems().isEmpty() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.println(text.path(file) + ": " + e.getMessage());
            return 1;
        }
    }

    /** The parsed command line. */
    record Options(String command, List<Path> files, Path rules, Path cards, Instant now) {
        static Options parse(String[] args, Path base, Path root) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no command given");
            }
            List<Path> files = new ArrayList<>();
            Path rules = root.resolve("rules");
            Path cards = root.resolve("cds-cards");
            Instant now = null;
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--rules" -> rules = base.resolve(value(args, ++i));
                    case "--cards" -> cards = base.resolve(value(args, ++i));
                    case "--now" -> now = instant(value(args, ++i));
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        files.add(base.resolve(args[i]));
                    }
                }
            }
            return new Options(args[0], files, rules, cards, now);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--now needs an ISO-8601 instant such as 2026-11-20T12:00:00Z");
            }
        }
    }
}

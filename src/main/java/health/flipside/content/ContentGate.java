package health.flipside.content;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import health.flipside.cards.CardCatalog;
import health.flipside.cards.CardCatalogException;
import health.flipside.cards.SuppressionRule;
import health.flipside.rules.Finding;
import health.flipside.rules.RuleSet;
import health.flipside.rules.RuleSetException;
import health.flipside.rules.RuleSetLoader;
import health.flipside.rules.SourceLines;
import health.flipside.rules.SourceProblem;
import health.flipside.services.LoadedContent;
import health.flipside.services.Suppressions;

/**
 * Decides whether a rules/ and cds-cards/ pair may serve: it compiles both, checks what can be checked without a
 * patient ({@link ContentCheck}), then runs every scenario with checked card texts. Accepted only when there is no
 * problem and every scenario passes (docs/design.md house rule 3). Used by the reload, the author command and the
 * tests.
 */
public final class ContentGate {
    private final Path rulesDir;
    private final Path cardsDir;

    public ContentGate(Path rulesDir, Path cardsDir) {
        this.rulesDir = rulesDir;
        this.cardsDir = cardsDir;
    }

    /**
     * @param content   the compiled set, or null when it does not compile
     * @param problems  every problem found, by file and line (compile, references, template rendering, unreadable scenarios)
     * @param scenarios every scenario's outcome (empty when the set did not compile)
     * @param warnings  what is worth knowing but does not refuse the set (a template no scenario renders)
     */
    public record Report(LoadedContent content, List<SourceProblem> problems, List<ScenarioResult> scenarios,
                         List<String> warnings, long millis) {
        public Report {
            problems = List.copyOf(problems);
            scenarios = List.copyOf(scenarios);
            warnings = List.copyOf(warnings);
        }

        public boolean accepted() {
            return content != null && problems.isEmpty() && failedScenarios().isEmpty();
        }

        public List<ScenarioResult> failedScenarios() {
            return scenarios.stream().filter(s -> !s.passed()).toList();
        }

        public int ruleCount() {
            return content == null ? 0 : content.rules().ruleCount();
        }
    }

    /**
     * Compiles both folders without the checks and scenarios of {@link #evaluate} (the author command's preview, tests);
     * throws with a message naming the file when either is unusable.
     */
    public static LoadedContent load(Path rulesDir, Path cardsDir) {
        return new LoadedContent(new RuleSetLoader().load(rulesDir), CardCatalog.load(cardsDir));
    }

    public Report evaluate() {
        long started = System.nanoTime();
        Set<SourceProblem> problems = new LinkedHashSet<>();
        RuleSet rules = null;
        CardCatalog cards = null;
        try {
            rules = new RuleSetLoader().load(rulesDir);
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        try {
            cards = CardCatalog.load(cardsDir);
        } catch (CardCatalogException e) {
            problems.addAll(e.problems());
        }
        if (rules == null || cards == null) {
            return new Report(null, List.copyOf(problems), List.of(), List.of(), millisSince(started));
        }
        LoadedContent content = new LoadedContent(rules, cards);
        List<SourceProblem> staticProblems = ContentCheck.check(rules, cards);
        problems.addAll(staticProblems);
        List<ScenarioResult> scenarios = new ScenarioRunner(rulesDir).runAll(content);
        // a missing template already named at the rule's line need not be named again by each scenario that fires it
        scenarios.forEach(s -> s.problems().stream().filter(p -> !alreadyNamed(p, staticProblems)).forEach(problems::add));
        problems.addAll(unreadableMeasures(cards, scenarios));
        List<String> warnings = new ArrayList<>();
        if (scenarios.isEmpty()) {
            warnings.add("no scenarios in " + rulesDir + "/*/tests: nothing checks what the rules answer");
        }
        Set<String> rendered = new TreeSet<>();
        scenarios.stream().filter(s -> s.explained() != null)
                .forEach(s -> s.explained().result().findings().stream().map(Finding::templateId).forEach(rendered::add));
        new TreeSet<>(cards.templates().keySet()).stream().filter(id -> !rendered.contains(id))
                .forEach(id -> warnings.add("template " + id + " is rendered by no scenario: its texts are checked only when a scenario fires it"));
        return new Report(content, List.copyOf(problems), scenarios, warnings, millisSince(started));
    }

    /**
     * A suppression measure (policy.yaml) must read a number from every finding of its rule the scenarios give: one
     * that reads nothing would make every override of that rule come back at once.
     */
    private static List<SourceProblem> unreadableMeasures(CardCatalog cards, List<ScenarioResult> scenarios) {
        Set<SourceProblem> problems = new LinkedHashSet<>();
        Map<String, SuppressionRule> suppression = cards.policy().suppression();
        Map<String, Integer> lines = SourceLines.index(cards.policyFile());
        scenarios.stream().filter(s -> s.explained() != null).forEach(s -> s.explained().result().findings().forEach(f -> {
            SuppressionRule rule = suppression.get(f.ruleId());
            if (rule != null && rule.measure() != null && Suppressions.measure(f, rule.measure()).isEmpty()) {
                problems.add(new SourceProblem(cards.policyFile(), SourceLines.lineOf(lines, "/suppression/" + f.ruleId() + "/measure"),
                        "measure '" + rule.measure() + "' of '" + f.ruleId() + "' reads no number from the rule's finding "
                                + "(its params are " + new TreeSet<>(f.params().keySet()) + ")"));
            }
        }));
        return List.copyOf(problems);
    }

    private static boolean alreadyNamed(SourceProblem runtime, List<SourceProblem> staticProblems) {
        int quote = runtime.message().indexOf("card template '");
        if (runtime.file() != null || quote < 0) {
            return false;
        }
        String template = runtime.message().substring(quote, runtime.message().indexOf('\'', quote + 15) + 1);
        return staticProblems.stream().anyMatch(p -> p.message().startsWith(template));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}

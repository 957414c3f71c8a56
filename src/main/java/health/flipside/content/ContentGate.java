package health.flipside.content;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
    /**
     * Threads of one evaluation: the rules compile, the cards load and the scenarios are read at the same time, then
     * the scenarios run side by side. Bounded: a reload on a serving node must not take every core from requests.
     */
    static final int THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final Path rulesDir;
    private final Path cardsDir;
    private final ThreadFactory threads;

    public ContentGate(Path rulesDir, Path cardsDir) {
        this(rulesDir, cardsDir, callersClassLoader());
    }

    /**
     * @param threads makes the gate's worker threads. Not the server's managed thread factory: at start-up the gate
     *                runs while the application initialises, and a managed thread waits for that to finish before it
     *                runs anything (a deadlock). Plain threads with the caller's class loader are what the gate needs
     *                (Drools finds KieServices through it), and it needs nothing else of the container.
     */
    public ContentGate(Path rulesDir, Path cardsDir, ThreadFactory threads) {
        this.rulesDir = rulesDir;
        this.cardsDir = cardsDir;
        this.threads = threads;
    }

    /**
     * @param content   the compiled set, or null when it does not compile
     * @param problems  every problem found, by file and line (compile, references, template rendering, unreadable scenarios)
     * @param scenarios every scenario's outcome, in path order (empty when the set did not compile)
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

    /**
     * Every step runs, whatever the order the threads finish in: the report lists problems and scenarios in the
     * same order as a run on one thread would (rules, cards, checks, then scenarios by path).
     */
    public Report evaluate() {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, threads);
        try {
            return evaluate(pool, started);
        } finally {
            pool.shutdown(); // no interrupt: interrupting HAPI or Drools while they load classes breaks them for good
        }
    }

    private Report evaluate(ExecutorService pool, long started) {
        ScenarioRunner runner = new ScenarioRunner(rulesDir);
        CompletableFuture<Loaded<RuleSet>> rulesLoading = CompletableFuture.supplyAsync(() -> loadRules(), pool);
        CompletableFuture<Loaded<CardCatalog>> cardsLoading = CompletableFuture.supplyAsync(() -> loadCards(), pool);
        List<Path> files;
        RuntimeException unlisted = null;
        try {
            files = Files.isDirectory(rulesDir) ? runner.scenarioFiles() : List.of();
        } catch (RuntimeException e) {
            files = List.of();
            unlisted = e;
        }
        List<CompletableFuture<ScenarioRunner.Prepared>> preparing = files.stream()
                .map(file -> CompletableFuture.supplyAsync(() -> runner.prepare(file), pool)).toList();
        Loaded<RuleSet> rules = join(rulesLoading);
        Loaded<CardCatalog> cards = join(cardsLoading);
        Set<SourceProblem> problems = new LinkedHashSet<>(rules.problems());
        problems.addAll(cards.problems());
        if (rules.value() == null || cards.value() == null) {
            preparing.forEach(p -> p.cancel(false));
            return new Report(null, List.copyOf(problems), List.of(), List.of(), millisSince(started));
        }
        if (unlisted != null) {
            throw unlisted; // rules that load but scenarios that cannot be listed: as on one thread
        }
        LoadedContent content = new LoadedContent(rules.value(), cards.value());
        List<CompletableFuture<ScenarioResult>> running = preparing.stream()
                .map(p -> p.thenApplyAsync(prepared -> runner.run(content, prepared), pool)).toList();
        List<SourceProblem> staticProblems = ContentCheck.check(content.rules(), content.cards());
        problems.addAll(staticProblems);
        List<ScenarioResult> scenarios = running.stream().map(ContentGate::join).toList();
        // a missing template already named at the rule's line need not be named again by each scenario that fires it
        scenarios.forEach(s -> s.problems().stream().filter(p -> !alreadyNamed(p, staticProblems)).forEach(problems::add));
        problems.addAll(unreadableMeasures(content.cards(), scenarios));
        List<String> warnings = new ArrayList<>();
        if (scenarios.isEmpty()) {
            warnings.add("no scenarios in " + rulesDir + "/*/tests: nothing checks what the rules answer");
        }
        Set<String> rendered = new TreeSet<>();
        scenarios.stream().filter(s -> s.explained() != null)
                .forEach(s -> s.explained().result().findings().stream().map(Finding::templateId).forEach(rendered::add));
        new TreeSet<>(content.cards().templates().keySet()).stream().filter(id -> !rendered.contains(id))
                .forEach(id -> warnings.add("template " + id + " is rendered by no scenario: its texts are checked only when a scenario fires it"));
        return new Report(content, List.copyOf(problems), scenarios, warnings, millisSince(started));
    }

    /** A loaded part, or the problems that refused it. */
    private record Loaded<T>(T value, List<SourceProblem> problems) {
    }

    private Loaded<RuleSet> loadRules() {
        try {
            return new Loaded<>(new RuleSetLoader().load(rulesDir), List.of());
        } catch (RuleSetException e) {
            return new Loaded<>(null, e.problems());
        }
    }

    private Loaded<CardCatalog> loadCards() {
        try {
            return new Loaded<>(CardCatalog.load(cardsDir), List.of());
        } catch (CardCatalogException e) {
            return new Loaded<>(null, e.problems());
        }
    }

    /** The step's value; a fault that is not a refusal (a bug, an Error) fails the evaluation as on one thread. */
    private static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Threads that load classes as the caller does: the application's class loader in the server. */
    private static ThreadFactory callersClassLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "flipside-content-gate-" + count.incrementAndGet());
            thread.setContextClassLoader(loader);
            thread.setDaemon(true);
            return thread;
        };
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

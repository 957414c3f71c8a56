package health.flipside.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import health.flipside.cards.Card;
import health.flipside.fhir.ResolvedData;
import health.flipside.rules.Finding;
import health.flipside.rules.SourceLines;
import health.flipside.rules.SourceProblem;
import health.flipside.services.LoadedContent;
import health.flipside.services.SummaryPipeline;

/**
 * Runs the scenarios of {@code rules/**}{@code /tests/*.json} through the real pipeline and compares findings and
 * cards with what each expects. The one implementation behind the reload gate, {@code ./author test} and the
 * JUnit scenario test.
 */
public final class ScenarioRunner {
    private final Path rulesDir;

    public ScenarioRunner(Path rulesDir) {
        this.rulesDir = rulesDir;
    }

    /** Every {@code *.json} in a folder named {@code tests} under the rules folder, in path order. */
    public List<Path> scenarioFiles() {
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().equals("tests"))
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + rulesDir + ": " + e.getMessage(), e);
        }
    }

    /** Every scenario, in path order, on the calling thread (the gate runs them in parallel: {@link ContentGate}). */
    public List<ScenarioResult> runAll(LoadedContent content) {
        return scenarioFiles().stream().map(file -> run(content, file)).toList();
    }

    /** Never throws: a scenario that cannot run is a result with the reason as its problem. */
    public ScenarioResult run(LoadedContent content, Path file) {
        return run(content, prepare(file));
    }

    /**
     * A scenario file read and its patient's data parsed: the part that needs no rules, so the gate does it while
     * the rules compile. {@code refused} is the result of a scenario that cannot run; then the rest is null.
     */
    public record Prepared(Path file, Scenario scenario, ResolvedData data, ScenarioResult refused) {
    }

    /** Never throws: a scenario that cannot be read, or whose request cannot be, is prepared as refused. */
    public Prepared prepare(Path file) {
        Scenario scenario;
        try {
            scenario = Scenario.read(file);
        } catch (Scenario.ScenarioException e) {
            return new Prepared(file, null, null, new ScenarioResult(file, null, List.of(), List.of(e.problem()), null));
        }
        try {
            return new Prepared(file, scenario, scenario.data(file), null);
        } catch (IOException | RuntimeException e) {
            return new Prepared(file, scenario, null, cannotRun(file, scenario, e));
        }
    }

    /** Never throws: a scenario whose run fails is a result with the reason as its problem. */
    public ScenarioResult run(LoadedContent content, Prepared prepared) {
        if (prepared.refused() != null) {
            return prepared.refused();
        }
        Path file = prepared.file();
        Scenario scenario = prepared.scenario();
        SummaryPipeline.Explained explained;
        try {
            explained = content.pipeline().explain(prepared.data(), scenario.instant(), scenario.feedback());
        } catch (RuntimeException e) {
            return cannotRun(file, scenario, e);
        }
        return new ScenarioResult(file, scenario.description(), compare(file, scenario, explained.result()),
                explained.problems(), explained);
    }

    private static ScenarioResult cannotRun(Path file, Scenario scenario, Exception e) {
        int line = SourceLines.lineOf(SourceLines.index(file), scenario.dataPointer());
        return new ScenarioResult(file, scenario.description(), List.of(),
                List.of(new SourceProblem(file, line, "cannot run " + scenario.dataSource(file) + ": " + e.getMessage())), null);
    }

    private static List<Mismatch> compare(Path file, Scenario scenario, SummaryPipeline.Result result) {
        Map<String, Integer> lines = SourceLines.index(file);
        List<Mismatch> mismatches = new ArrayList<>();
        TreeSet<String> expected = new TreeSet<>(scenario.expect().findings());
        TreeSet<String> fired = new TreeSet<>(result.findings().stream().map(Finding::ruleId).toList());
        if (!expected.equals(fired)) {
            mismatches.add(new Mismatch(SourceLines.lineOf(lines, "/expect/findings"), "rules fired",
                    String.join(", ", expected), String.join(", ", fired)));
        }
        mismatches.addAll(compareCards(file, scenario, result.cards()));
        return mismatches;
    }

    /**
     * The cards of an answer against those a scenario expects, in order: for the pipeline here, and for the same
     * scenario sent through the running server's HTTP endpoint (the acceptance tests).
     */
    public static List<Mismatch> compareCards(Path file, Scenario scenario, List<Card> cards) {
        Map<String, Integer> lines = SourceLines.index(file);
        List<Mismatch> mismatches = new ArrayList<>();
        List<Scenario.ExpectedCard> expectedCards = scenario.expect().cards();
        if (cards.size() != expectedCards.size()) {
            mismatches.add(new Mismatch(SourceLines.lineOf(lines, "/expect/cards"), "number of cards",
                    expectedCards.size() + " card(s)", cards.size() + " card(s): " + describe(cards)));
        }
        for (int i = 0; i < Math.min(cards.size(), expectedCards.size()); i++) {
            compareCard(lines, "/expect/cards/" + i, "card " + (i + 1), expectedCards.get(i), cards.get(i), mismatches);
        }
        return mismatches;
    }

    private static void compareCard(Map<String, Integer> lines, String at, String name, Scenario.ExpectedCard expected,
                                    Card card, List<Mismatch> mismatches) {
        if (expected.indicator() != null && !expected.indicator().equals(card.indicator())) {
            mismatches.add(new Mismatch(SourceLines.lineOf(lines, at + "/indicator"), name + " indicator",
                    expected.indicator(), card.indicator()));
        }
        for (int j = 0; j < expected.summaryContains().size(); j++) {
            String text = expected.summaryContains().get(j);
            if (!card.summary().contains(text)) {
                mismatches.add(new Mismatch(SourceLines.lineOf(lines, at + "/summaryContains/" + j), name + " summary",
                        "to contain \"" + text + "\"", quote(card.summary())));
            }
        }
        String detail = card.detail() == null ? "" : card.detail();
        for (int j = 0; j < expected.detailContains().size(); j++) {
            String text = expected.detailContains().get(j);
            if (!detail.contains(text)) {
                mismatches.add(new Mismatch(SourceLines.lineOf(lines, at + "/detailContains/" + j), name + " detail",
                        "to contain \"" + text + "\"", quote(detail)));
            }
        }
        String all = (card.summary() + "\n" + detail).toLowerCase(Locale.ROOT);
        for (int j = 0; j < expected.mustNotContain().size(); j++) {
            String text = expected.mustNotContain().get(j);
            if (all.contains(text.toLowerCase(Locale.ROOT))) {
                mismatches.add(new Mismatch(SourceLines.lineOf(lines, at + "/mustNotContain/" + j), name + " text",
                        "not to contain \"" + text + "\"", quote(card.summary()) + " …"));
            }
        }
        int suggestions = card.suggestions() == null ? 0 : card.suggestions().size();
        if (expected.suggestions() != null && expected.suggestions() != suggestions) {
            mismatches.add(new Mismatch(SourceLines.lineOf(lines, at + "/suggestions"), name + " suggestions",
                    expected.suggestions() + " suggestion(s)", suggestions + " suggestion(s)"));
        }
    }

    private static String describe(List<Card> cards) {
        List<String> lines = new ArrayList<>();
        cards.forEach(c -> lines.add("[" + c.indicator() + "] " + c.summary()));
        return cards.isEmpty() ? "none" : String.join(" | ", lines);
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}

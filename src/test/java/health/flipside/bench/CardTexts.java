package health.flipside.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.cards.Card;
import health.flipside.content.ContentGate;
import health.flipside.content.PatientInput;
import health.flipside.content.ScenarioRunner;
import health.flipside.examples.ExamplePatients;
import health.flipside.rules.Finding;
import health.flipside.rules.SourceProblem;
import health.flipside.services.LoadedContent;
import health.flipside.services.SummaryPipeline;

/**
 * Every card Flipside gives for its bundled patients, as one text file: each rule scenario (rules/*&#47;tests, with its
 * instant and card feedback, rendered by the checking composer, so a value that renders nothing is listed) and each
 * example patient of examples/ (the files {@link ExamplePatients} writes) at {@link ExamplePatients#ANCHOR}, card by
 * card with every field but the uuids. Run it before and after a change that must not change what a physician reads,
 * and compare the two files: they must be identical.
 *
 * <p>A tool, not a golden unit test: changing the words of cds-cards/ is what authors do without Java, and a golden
 * file would fail the build on every such edit.
 *
 * <p>Usage, from the repository root: {@code CardTexts <output file>} (see cds-cards/README.md).
 */
public final class CardTexts {
    private static final Path RULES = Path.of("rules");
    private static final Path CARDS = Path.of("cds-cards");
    private static final Path EXAMPLES = Path.of("examples");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CardTexts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CardTexts <output file>");
            System.exit(2);
        }
        long start = System.nanoTime();
        LoadedContent content = ContentGate.load(RULES, CARDS);
        StringBuilder out = new StringBuilder();
        Set<Path> renderedAtAnchor = new TreeSet<>();
        ScenarioRunner runner = new ScenarioRunner(RULES);
        int cases = 0;
        for (Path file : runner.scenarioFiles()) {
            ScenarioRunner.Prepared prepared = runner.prepare(file);
            out.append("== scenario ").append(file).append('\n');
            cases++;
            if (prepared.refused() != null) {
                prepared.refused().problems().forEach(p -> out.append("refused: ").append(p).append('\n'));
                continue;
            }
            SummaryPipeline.Explained explained = content.pipeline().explain(prepared.data(),
                    prepared.scenario().instant(), prepared.scenario().feedback());
            write(out, explained.result(), explained.problems());
            if (prepared.scenario().request() != null && prepared.scenario().instant().equals(ExamplePatients.ANCHOR)
                    && prepared.scenario().cardFeedback() == null) {
                // the same data and instant as the example itself: its cards are these
                renderedAtAnchor.add(file.toAbsolutePath().getParent().resolve(prepared.scenario().request()).normalize());
            }
        }
        for (Path file : exampleFiles()) {
            if (renderedAtAnchor.contains(file.toAbsolutePath().normalize())) {
                continue;
            }
            out.append("== example ").append(file).append(" at ").append(ExamplePatients.ANCHOR).append('\n');
            cases++;
            write(out, content.pipeline().run(PatientInput.read(file), ExamplePatients.ANCHOR), List.of());
        }
        Files.writeString(Path.of(args[0]), out);
        System.out.printf("%d patients' cards written to %s in %d ms%n", cases, args[0], (System.nanoTime() - start) / 1_000_000);
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void write(StringBuilder out, SummaryPipeline.Result result, List<SourceProblem> problems)
            throws IOException {
        out.append("findings: ").append(new TreeSet<>(result.findings().stream().map(Finding::ruleId).toList())).append('\n');
        if (result.outOfScope() != null) {
            out.append("out of scope: ").append(result.outOfScope()).append('\n');
        }
        problems.forEach(p -> out.append("problem: ").append(p).append('\n'));
        List<Card> cards = result.cards();
        for (int i = 0; i < cards.size(); i++) {
            Card card = cards.get(i);
            out.append("-- card ").append(i + 1).append(" (").append(card.indicator()).append(")\n")
                    .append("summary: ").append(card.summary()).append('\n')
                    .append("detail:\n").append(card.detail()).append('\n')
                    .append("rest: ").append(JSON.writeValueAsString(withoutUuids(card))).append('\n');
        }
        out.append('\n');
    }

    /** Source, suggestions (with their actions), selection behaviour, override reasons and links; no uuids. */
    private static JsonNode withoutUuids(Card card) {
        ObjectNode node = JSON.valueToTree(card);
        node.remove(List.of("uuid", "summary", "detail", "indicator"));
        node.path("suggestions").forEach(s -> ((ObjectNode) s).remove("uuid"));
        return node;
    }
}

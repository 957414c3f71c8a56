package health.flipside.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cds-cards/ is parsed and compiled once, and refused whole with the file named when a template is unusable
 * (rules/README.md: "a template that does not parse: start-up stops with the file named"). Each refusal test breaks
 * one thing in a copy of the real folder.
 */
class CardCatalogTest {
    private static final Path CARDS = Path.of("cds-cards");

    @TempDir
    Path temp;

    private Path copyOfCards() throws IOException {
        Path copy = temp.resolve("cds-cards");
        try (Stream<Path> files = Files.walk(CARDS)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CARDS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    /** Replaces the first match of {@code regex} in a template, failing if the template did not contain it. */
    private static void edit(Path file, String regex, String replacement) throws IOException {
        String before = Files.readString(file);
        String after = before.replaceFirst(regex, replacement);
        assertThat(after).as("edit of %s", file).isNotEqualTo(before);
        Files.writeString(file, after);
    }

    @Test
    @DisplayName("the shipped cds-cards/ folder loads with its policy and a template per bp finding")
    void loadsRealCards() {
        CardCatalog catalog = CardCatalog.load(CARDS);

        assertThat(catalog.policy().maxCards()).isEqualTo(3);
        assertThat(catalog.policy().overrideReasons()).isNotEmpty();
        assertThat(catalog.has("bp-masked-uncontrolled")).isTrue();
        assertThat(catalog.has("data-unavailable")).isTrue();
        assertThat(catalog.has("no-such-template")).isFalse();
    }

    @Test
    @DisplayName("a template whose id differs from its file name is refused, naming the file")
    void idDiffersFromFileName() throws IOException {
        Path cards = copyOfCards();
        Path file = cards.resolve("bp/bp-controlled.yaml");
        edit(file, "(?m)^id: bp-controlled$", "id: bp-controlled-v2");

        assertThatThrownBy(() -> CardCatalog.load(cards))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'id'");
    }

    @Test
    @DisplayName("a template without a summary is refused, naming the file")
    void missingSummary() throws IOException {
        Path cards = copyOfCards();
        Path file = cards.resolve("bp/bp-normotension.yaml");
        edit(file, "(?m)^summary: .*\\n", "");

        assertThatThrownBy(() -> CardCatalog.load(cards))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'summary'");
    }

    @Test
    @DisplayName("a Mustache syntax error (an unclosed {{#home}} section) is refused, naming the file")
    void mustacheSyntaxError() throws IOException {
        Path cards = copyOfCards();
        Path file = cards.resolve("bp/bp-white-coat-effect.yaml");
        edit(file, "(?m)^detail: \\|\\n", "detail: |\n  {{#home}}Home readings: {{readings}}\n");

        assertThatThrownBy(() -> CardCatalog.load(cards))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("detail");
    }

    @Test
    @DisplayName("a Mustache syntax error in a talking point is refused too")
    void mustacheErrorInTalkingPoint() throws IOException {
        Path cards = copyOfCards();
        Path file = cards.resolve("bp/bp-controlled.yaml");
        edit(file, "(?m)^talkingPoints:\\n", "talkingPoints:\n  - \"Your readings: {{#home}}{{readings}}\"\n");

        assertThatThrownBy(() -> CardCatalog.load(cards))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    @DisplayName("a template without a source label is refused, naming the file")
    void missingSourceLabel() throws IOException {
        Path cards = copyOfCards();
        Path file = cards.resolve("common/data-unavailable.yaml");
        edit(file, "(?m)^source:\\n  label: .*\\n", "");

        assertThatThrownBy(() -> CardCatalog.load(cards))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'source'");
    }

    @Test
    @DisplayName("a misspelt field (e.g. 'sumary') is refused rather than silently ignored")
    void unknownField() throws IOException {
        Path cards = copyOfCards();
        Path file = cards.resolve("bp/bp-controlled.yaml");
        edit(file, "(?m)^summary:", "sumary:");

        assertThatThrownBy(() -> CardCatalog.load(cards))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    @DisplayName("two templates with the same id in different folders are refused, naming both files")
    void duplicateId() throws IOException {
        Path cards = copyOfCards();
        Path original = cards.resolve("bp/bp-controlled.yaml");
        Path copy = cards.resolve("extra/bp-controlled.yaml");
        Files.createDirectories(copy.getParent());
        Files.copy(original, copy);

        assertThatThrownBy(() -> CardCatalog.load(cards))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(original.toString())
                .hasMessageContaining(copy.toString());
    }

    @Test
    @DisplayName("a missing folder is refused")
    void missingFolder() {
        Path missing = temp.resolve("no-such-cards");

        assertThatThrownBy(() -> CardCatalog.load(missing))
                .isInstanceOf(CardCatalogException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("policy.yaml suppression: a same-day safety rule, a period under a day, a measure that is no path: refused at their lines")
    void suppressionProblemsAreNamedByLine() throws IOException {
        Path cards = copyOfCards();
        Path policy = cards.resolve("policy.yaml");
        edit(policy, "  proms.gad7-severe: \\{ days: 14, measure: result.score \\}",
                "  proms.gad7-severe: { days: 0, measure: result.score }\n  bp.severe-home-reading: { days: 3 }\n"
                        + "  proms.phq9-severe: { days: 14, measure: \"result score\" }");

        List<String> lines = Files.readString(policy).lines().toList();
        assertThatThrownBy(() -> CardCatalog.load(cards)).isInstanceOfSatisfying(CardCatalogException.class, e -> {
            assertThat(e.problems()).extracting(p -> p.file().getFileName().toString()).containsOnly("policy.yaml");
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.message()).contains("bp.severe-home-reading", "criticalRules", "never suppressed");
                assertThat(lines.get(p.line() - 1)).contains("bp.severe-home-reading: { days: 3 }");
            });
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.message()).contains("proms.gad7-severe", "at least 1");
                assertThat(lines.get(p.line() - 1)).contains("proms.gad7-severe");
            });
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("'result score'", "proms.phq9-severe"));
        });
    }
}

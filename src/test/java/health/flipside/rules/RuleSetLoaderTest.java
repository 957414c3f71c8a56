package health.flipside.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import health.flipside.facts.provenance.DeviceKind;

/**
 * The rules/ folder is refused whole, with the file (and line) named, when anything in it is unusable
 * (docs/design.md house rule 3, rules/README.md). Each refusal test breaks one thing in a copy of the real folder.
 */
class RuleSetLoaderTest {
    private static final Path RULES = Path.of("rules");

    @TempDir
    Path temp;

    /** A copy of the real rules/ folder that a test may break. */
    private Path copyOfRules() throws IOException {
        Path copy = temp.resolve("rules");
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(RULES.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    @Test
    @DisplayName("the shipped rules/ folder loads: rules, bp thresholds with sources, device and medication lists")
    void loadsRealRules() {
        RuleSet rules = new RuleSetLoader().load(RULES);

        assertThat(rules.ruleCount()).isPositive();
        assertThat(rules.thresholds()).containsKey("bp");
        assertThat(rules.thresholds().get("bp").get("homeHighSystolic")).isPositive();
        assertThat(rules.thresholds().get("bp").source("homeHighSystolic")).isNotBlank();
        assertThat(rules.devices().validatedModels()).isNotEmpty();
        assertThat(rules.devices().cufflessModels()).allMatch(m -> m.kind() == DeviceKind.CUFFLESS);
        assertThat(rules.antihypertensives().atcPrefixes()).contains("C09");
    }

    /** Appends a rule whose condition is never closed; returns the number of lines the file had before. */
    private static long appendBrokenRule(Path drl) throws IOException {
        long linesBefore = Files.readAllLines(drl).size();
        Files.writeString(drl, """

                rule "bp.broken"
                when
                    $home : HomeBloodPressure(gateMet,
                then
                end
                """, StandardOpenOption.APPEND);
        return linesBefore;
    }

    /** The line number the message gives right after {@code fileName}, or -1. */
    private static long lineAfter(String message, String fileName) {
        Matcher line = Pattern.compile(Pattern.quote(fileName) + ":(\\d+)").matcher(message);
        return line.find() ? Long.parseLong(line.group(1)) : -1;
    }

    @Test
    @DisplayName("a DRL syntax error is refused with the file name and the line of the error")
    void drlSyntaxError() throws IOException {
        Path rules = copyOfRules();
        long linesBefore = appendBrokenRule(rules.resolve("bp/home-blood-pressure.drl"));
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("bp/home-blood-pressure.drl:")
                // the line inside the appended rule, as the compiler reports it
                .satisfies(e -> assertThat(lineAfter(e.getMessage(), "bp/home-blood-pressure.drl"))
                        .as(e.getMessage()).isBetween(linesBefore + 1, linesBefore + 7));
    }

    @Test
    @DisplayName("the rules' ranks are read when they load: a rank that is not a whole number is refused at the rule's line")
    void ranksReadAtLoad() throws IOException {
        assertThat(new RuleSetLoader().load(RULES).ranks()).containsEntry("bp.severe-home-reading", 90);

        Path rules = copyOfRules();
        Path drl = rules.resolve("bp/home-blood-pressure.drl");
        String text = Files.readString(drl);
        long line = text.lines().takeWhile(l -> !l.startsWith("rule \"bp.severe-home-reading\"")).count() + 1;
        Files.writeString(drl, text.replace("rule \"bp.severe-home-reading\" @rank(90)", "rule \"bp.severe-home-reading\" @rank(high)"));

        assertThatThrownBy(() -> new RuleSetLoader().load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("bp/home-blood-pressure.drl:" + line + ":")
                .hasMessageContaining("rule \"bp.severe-home-reading\" declares @rank(high): a rank must be a whole number");
    }

    @Test
    @DisplayName("BUG: a DRL compile error names the real path of the broken file")
    void drlErrorNamesRealPath() throws IOException {
        Path rules = copyOfRules();
        Path drl = rules.resolve("bp/home-blood-pressure.drl");
        appendBrokenRule(drl);
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(drl + ":");
    }

    @Test
    @DisplayName("a rule referring to an unknown fact type is refused naming the file")
    void unknownFactType() throws IOException {
        Path rules = copyOfRules();
        Files.writeString(rules.resolve("common/data-quality.drl"), """

                rule "common.typo"
                when
                    DataQualty(hasUnavailableData)
                then
                end
                """, StandardOpenOption.APPEND);
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("common/data-quality.drl");
    }

    @Test
    @DisplayName("a threshold without a source is refused, naming the threshold and the file")
    void thresholdWithoutSource() throws IOException {
        Path rules = copyOfRules();
        Path thresholds = rules.resolve("bp/thresholds.yaml");
        Files.writeString(thresholds, """
                  unsourcedLimit:
                    value: 125
                    unit: mm[Hg]
                """, StandardOpenOption.APPEND);
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(thresholds.toString())
                .hasMessageContaining("'unsourcedLimit'")
                .hasMessageContaining("no source");
    }

    @Test
    @DisplayName("a blank source counts as no source")
    void thresholdWithBlankSource() throws IOException {
        Path rules = copyOfRules();
        Files.writeString(rules.resolve("bp/thresholds.yaml"), """
                  blankSourced:
                    value: 125
                    unit: mm[Hg]
                    source: "  "
                """, StandardOpenOption.APPEND);
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("'blankSourced'");
    }

    @Test
    @DisplayName("BUG: a threshold without a value is refused, naming the threshold")
    void thresholdWithoutValue() throws IOException {
        Path rules = copyOfRules();
        Path thresholds = rules.resolve("bp/thresholds.yaml");
        Files.writeString(thresholds, """
                  valuelessLimit:
                    unit: mm[Hg]
                    source: "design choice [D]"
                """, StandardOpenOption.APPEND);
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(thresholds.toString())
                .hasMessageContaining("valuelessLimit");
    }

    @Test
    @DisplayName("a misspelt threshold field (e.g. 'sorce') is refused rather than silently ignored")
    void misspeltField() throws IOException {
        Path rules = copyOfRules();
        Path thresholds = rules.resolve("bp/thresholds.yaml");
        Files.writeString(thresholds, """
                  typoLimit:
                    value: 125
                    unit: mm[Hg]
                    sorce: "design choice [D]"
                """, StandardOpenOption.APPEND);
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(thresholds.toString());
    }

    @Test
    @DisplayName("a thresholds.yaml whose topic does not match its folder is refused")
    void topicDoesNotMatchFolder() throws IOException {
        Path rules = copyOfRules();
        Path thresholds = rules.resolve("bp/thresholds.yaml");
        Files.writeString(thresholds, Files.readString(thresholds).replaceFirst("(?m)^topic: bp$", "topic: blood-pressure"));
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(thresholds.toString())
                .hasMessageContaining("'blood-pressure'")
                .hasMessageContaining("'bp'");
    }

    @Test
    @DisplayName("a validated device without a kind is refused naming the file and the model")
    void deviceWithoutKind() throws IOException {
        Path rules = copyOfRules();
        Path devices = rules.resolve("provenance/devices.yaml");
        Files.writeString(devices, Files.readString(devices).replaceFirst("(?m)^validatedModels:$", """
                validatedModels:
                  - manufacturer: Acme
                    model: BP-1
                    validation: "no kind given\""""));
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(devices.toString())
                .hasMessageContaining("Acme BP-1");
    }

    @Test
    @DisplayName("a clinical-context entry without a source is refused naming the file and the entry")
    void vocabularyEntryWithoutSource() throws IOException {
        Path rules = copyOfRules();
        Path vocabulary = rules.resolve("common/clinical-context.yaml");
        Files.writeString(vocabulary, Files.readString(vocabulary).replaceFirst("(?m)^conditions:$", """
                conditions:
                  made-up-condition:
                    codes: ["http://snomed.info/sct|1"]"""));
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(vocabulary.toString())
                .hasMessageContaining("'made-up-condition' needs a 'source'");
    }

    @Test
    @DisplayName("a medication class the rules name resolves from the clinical context file")
    void vocabularyIsLoaded() {
        RuleSet set = new RuleSetLoader().load(Path.of("rules"));

        assertThat(set.vocabulary().medicationClassesOf(java.util.List.of(), java.util.List.of("Insulin glargine 100 UNT/ML")))
                .contains("insulin");
        assertThat(set.vocabulary().conditionsOf(java.util.List.of("http://hl7.org/fhir/sid/icd-10-cm|I48.0"), java.util.List.of()))
                .containsExactly("atrial-fibrillation");
    }

    @Test
    @DisplayName("a missing rules folder is refused")
    void missingFolder() {
        Path missing = temp.resolve("no-such-rules");
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("a folder without any rule file is refused")
    void noRuleFiles() throws IOException {
        Path rules = copyOfRules();
        List<Path> drls;
        try (Stream<Path> files = Files.walk(rules)) {
            drls = files.filter(p -> p.toString().endsWith(".drl")).toList();
        }
        for (Path drl : drls) {
            Files.delete(drl);
        }
        RuleSetLoader loader = new RuleSetLoader();

        assertThatThrownBy(() -> loader.load(rules))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("No rule files");
    }
}

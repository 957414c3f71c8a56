package health.flipside.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import health.flipside.rules.SourceProblem;

/**
 * The reload gate on bad input (issue "authoring loop"): each case breaks one thing in a copy of the real content
 * and expects a refusal that points at the file and line an author must fix.
 */
class ContentGateTest {
    @TempDir
    Path temp;

    private ContentCopy content;

    @BeforeEach
    void copy() throws IOException {
        content = ContentCopy.in(temp);
    }

    private static SourceProblem only(ContentGate.Report report) {
        assertThat(report.accepted()).isFalse();
        assertThat(report.problems()).as(report.problems().toString()).hasSize(1);
        return report.problems().get(0);
    }

    @Test
    @DisplayName("the shipped content is accepted: it compiles, names only existing templates, and passes every scenario")
    void shippedContentIsAccepted() {
        ContentGate.Report report = content.gate();

        assertThat(report.problems()).isEmpty();
        assertThat(report.failedScenarios()).isEmpty();
        assertThat(report.scenarios()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(report.accepted()).isTrue();
    }

    @Test
    @DisplayName("a rule file with a syntax error: refused at its file and line")
    void drlSyntaxError() throws IOException {
        String drl = "rules/bp/home-blood-pressure.drl";
        long before = Files.readAllLines(content.file(drl)).size();
        Files.writeString(content.file(drl), Files.readString(content.file(drl))
                + "\nrule \"bp.broken\"\nwhen\n    $home : HomeBloodPressure(gateMet,\nthen\nend\n");

        ContentGate.Report report = content.gate();

        assertThat(report.content()).isNull();
        SourceProblem problem = report.problems().get(0);
        assertThat(problem.file()).isEqualTo(content.file(drl));
        assertThat((long) problem.line()).isBetween(before + 1, before + 7);
    }

    @Test
    @DisplayName("a card template with a typo in a value: refused at the template's line, naming the field and the tag")
    void templateTypoInSummary() throws IOException {
        String card = "cds-cards/bp/bp-masked-uncontrolled.yaml";
        content.replace(card, "Home BP avg {{home.meanSystolic}}", "Home BP avg {{home.meanSystolc}}");

        SourceProblem problem = only(content.gate());

        assertThat(problem.file()).isEqualTo(content.file(card));
        assertThat(problem.line()).isEqualTo(content.lineOf(card, "{{home.meanSystolc}}"));
        assertThat(problem.message()).contains("{{home.meanSystolc}}", "summary", "bp.treated.masked-uncontrolled");
    }

    @Test
    @DisplayName("a typo inside a multi-line detail: the line of the tag itself")
    void templateTypoInDetail() throws IOException {
        String card = "cds-cards/bp/bp-masked-uncontrolled.yaml";
        content.replace(card, "| {{office.meanSystolic}}/", "| {{office.meanSystolik}}/");

        SourceProblem problem = only(content.gate());

        assertThat(problem.line()).isEqualTo(content.lineOf(card, "{{office.meanSystolik}}"));
        assertThat(problem.message()).contains("detail");
    }

    @Test
    @DisplayName("a template reading a threshold that does not exist: refused at its line, even if no scenario renders it")
    void templateReadsUndefinedThreshold() throws IOException {
        String card = "cds-cards/bp/bp-controlled.yaml"; // rendered by no scenario
        content.replace(card, "id: bp-controlled", "id: bp-controlled\n# {{thresholds.bp.homeHighSystolik}}");

        SourceProblem problem = only(content.gate());

        assertThat(problem.file()).isEqualTo(content.file(card));
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).contains("homeHighSystolik");
    }

    @Test
    @DisplayName("a rule naming a template that does not exist: refused at the rule's line")
    void missingTemplate() throws IOException {
        String drl = "rules/bp/home-blood-pressure.drl";
        content.replace(drl, "\"bp-controlled\"", "\"bp-controled\"");

        ContentGate.Report report = content.gate();

        assertThat(report.accepted()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(content.file(drl));
            assertThat(p.line()).isEqualTo(content.lineOf(drl, "\"bp-controled\""));
            assertThat(p.message()).contains("bp-controled");
        });
    }

    @Test
    @DisplayName("a rule reading a threshold that is not in thresholds.yaml: refused at the rule's line")
    void undefinedThresholdInRule() throws IOException {
        String drl = "rules/bp/home-blood-pressure.drl";
        String original = "meanSystolic >= $t.get(\"officeHighSystolic\") || meanDiastolic >= $t.get(\"officeHighDiastolic\"))\nthen\n    insert(new Finding(drools.getRule().getName(), Severity.INFO, \"bp-no-home-data\"";
        content.replace(drl, original, original.replaceFirst("officeHighSystolic", "officeHighSistolic"));

        ContentGate.Report report = content.gate();

        // found in the rule text, and again by the scenario whose patient makes the rule read it
        assertThat(report.accepted()).isFalse();
        assertThat(report.problems()).first().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(content.file(drl));
            assertThat(problem.line()).isEqualTo(content.lineOf(drl, "officeHighSistolic"));
            assertThat(problem.message()).contains("'officeHighSistolic'", "rules/bp/thresholds.yaml");
        });
        assertThat(report.failedScenarios()).isNotEmpty();
    }

    @Test
    @DisplayName("a summary that renders 140 characters or more: refused at the summary's line")
    void summaryTooLong() throws IOException {
        String card = "cds-cards/bp/bp-masked-uncontrolled.yaml";
        content.replace(card, "masked uncontrolled hypertension\"\n", "masked uncontrolled hypertension; please review the home readings with the patient today\"\n");

        ContentGate.Report report = content.gate();

        // one problem per scenario whose card renders the summary (its numbers differ), all at the summary's line
        assertThat(report.accepted()).isFalse();
        assertThat(report.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(content.lineOf(card, "summary:"));
            assertThat(problem.message()).contains("characters", "under 140", "bp.treated.masked-uncontrolled");
        });
    }

    @Test
    @DisplayName("a decision table with a misspelt column type: refused at its row (Drools would silently misread it)")
    void decisionTableWrongColumn() throws IOException {
        content.write("rules/bp/morning.drl.csv", decisionTable("CONDITON", "morningReadings < $param"));

        SourceProblem problem = only(content.gate());

        assertThat(problem.file()).isEqualTo(content.file("rules/bp/morning.drl.csv"));
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).contains("'CONDITON'");
    }

    @Test
    @DisplayName("a decision table with a bad condition cell: refused at the row of that rule")
    void decisionTableBadCell() throws IOException {
        content.write("rules/bp/morning.drl.csv", decisionTable("CONDITION", "morningReadings <<< $param"));

        ContentGate.Report report = content.gate();

        assertThat(report.content()).isNull();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(content.file("rules/bp/morning.drl.csv"));
            assertThat(p.line()).isEqualTo(10);
        });
    }

    @Test
    @DisplayName("a decision table (*.drl.csv) is recognised: its rules join the set")
    void decisionTableLoads() throws IOException {
        // never true (readings are counted from 0), so the scenarios' answers stay as they are
        content.write("rules/bp/morning.drl.csv", decisionTable("CONDITION", "morningReadings < $param"
                ).replace("bp.few-morning-readings,3,", "bp.few-morning-readings,0,"));

        ContentGate.Report report = content.gate();

        assertThat(report.problems()).isEmpty();
        assertThat(report.accepted()).isTrue();
        TreeSet<String> rules = new TreeSet<>();
        report.content().rules().kieBase().getKiePackages().forEach(p -> p.getRules().forEach(r -> rules.add(r.getName())));
        assertThat(rules).contains("bp.few-morning-readings");
    }

    @Test
    @DisplayName("a scenario that no longer matches: refused, naming the scenario file and the line of the expectation")
    void scenarioNoLongerMatches() throws IOException {
        String scenario = "rules/bp/tests/vignette-1-masked-uncontrolled.json";
        content.replace("rules/bp/thresholds.yaml", "homeHighSystolic:\n    value: 130", "homeHighSystolic:\n    value: 135");

        ContentGate.Report report = content.gate();

        assertThat(report.accepted()).isFalse();
        assertThat(report.problems()).isEmpty();
        assertThat(report.failedScenarios()).singleElement().satisfies(failed -> {
            assertThat(failed.file()).isEqualTo(content.file(scenario));
            assertThat(failed.mismatches()).singleElement().satisfies(m -> {
                assertThat(m.line()).isEqualTo(content.lineOf(scenario, "\"above 130/80\""));
                assertThat(m.expected()).contains("above 130/80");
                assertThat(m.actual()).contains("above 135/80");
            });
        });
    }

    @Test
    @DisplayName("scenarios run side by side, and a failing one among many still refuses the set, named, in the same order every time")
    void parallelGateStillRefuses() throws IOException {
        String whiteCoat = "rules/bp/tests/white-coat-untreated.json";
        String weightStable = "rules/heart-failure/tests/hf-weight-stable.json";
        content.replace(whiteCoat, "\"146/92\"", "\"147/92\"");
        content.replace(weightStable, "\"findings\": []", "\"findings\": [\"hf.no-such-rule\"]");
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory counting = task -> {
            threads.incrementAndGet();
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
        List<Path> files = new ScenarioRunner(content.rules).scenarioFiles();

        ContentGate.Report first = new ContentGate(content.rules, content.cards, counting).evaluate();
        ContentGate.Report second = new ContentGate(content.rules, content.cards, counting).evaluate();

        assertThat(files).hasSizeGreaterThan(20);
        assertThat(threads.get()).as("worker threads made").isGreaterThanOrEqualTo(4); // ≥ 2 per evaluation
        assertThat(first.accepted()).isFalse();
        assertThat(first.scenarios()).extracting(ScenarioResult::file).containsExactlyElementsOf(files);
        assertThat(first.failedScenarios()).extracting(ScenarioResult::file)
                .containsExactly(content.file(whiteCoat), content.file(weightStable));
        assertThat(first.failedScenarios().get(0).mismatches()).singleElement()
                .satisfies(m -> assertThat(m.expected()).contains("147/92"));
        assertThat(first.failedScenarios().get(1).mismatches()).singleElement()
                .satisfies(m -> assertThat(m.expected()).contains("hf.no-such-rule"));
        assertThat(outcomes(second)).isEqualTo(outcomes(first));
        assertThat(second.problems()).isEqualTo(first.problems());
        assertThat(second.warnings()).isEqualTo(first.warnings());
    }

    /** Each scenario's file, pass and mismatches, in report order. */
    private static List<String> outcomes(ContentGate.Report report) {
        return report.scenarios().stream().map(s -> s.file() + " " + s.passed() + " " + s.mismatches() + " " + s.problems()).toList();
    }

    @Test
    @DisplayName("a scenario file that is not valid JSON: refused at its line")
    void unreadableScenario() throws IOException {
        String scenario = "rules/bp/tests/white-coat-untreated.json";
        content.replace(scenario, "\"now\":", "\"now\"");

        SourceProblem problem = only(content.gate());

        assertThat(problem.file()).isEqualTo(content.file(scenario));
        assertThat(problem.line()).isEqualTo(content.lineOf(scenario, "\"now\""));
    }

    @Test
    @DisplayName("a threshold without a source: refused at the threshold's line")
    void thresholdWithoutSource() throws IOException {
        String thresholds = "rules/bp/thresholds.yaml";
        content.replace(thresholds, "topic: bp\nthresholds:\n", "topic: bp\nthresholds:\n  unsourced:\n    value: 1\n    unit: d\n");

        SourceProblem problem = only(content.gate());

        assertThat(problem.file()).isEqualTo(content.file(thresholds));
        assertThat(problem.line()).isEqualTo(content.lineOf(thresholds, "unsourced:"));
        assertThat(problem.message()).contains("no source");
    }

    /** A decision table with one rule; {@code columnType} and {@code condition} are what tests break. */
    static String decisionTable(String columnType, String condition) {
        return """
                RuleSet,rules.bp.morning
                Import,"health.flipside.facts.bp.HomeBloodPressure, health.flipside.rules.Finding, health.flipside.rules.Severity, java.util.Map"
                Notes,Few morning readings
                ,
                RuleTable Few morning readings
                NAME,%s,ACTION
                ,$home : HomeBloodPressure,
                ,"gateMet, %s","insert(new Finding(drools.getRule().getName(), Severity.INFO, ""$param"", $home.provenance(), Map.of(""home"", $home)));"
                Rule,Fewer morning readings than,Template
                bp.few-morning-readings,3,bp-insufficient-data
                """.formatted(columnType, condition);
    }

    @Test
    @DisplayName("policy.yaml suppresses a rule that does not exist, and a measure that reads nothing: refused at their lines")
    void suppressionNamesUnknownRuleAndUnreadableMeasure() throws IOException {
        String policy = "cds-cards/policy.yaml";
        content.replace(policy, "  proms.gad7-severe: { days: 14", "  proms.gad7-sever: { days: 14");
        content.replace(policy, "bp.treated.masked-uncontrolled: { days: 30, measure: home.meanSystolic }",
                "bp.treated.masked-uncontrolled: { days: 30, measure: home.meanSystolik }");

        ContentGate.Report report = content.gate();

        assertThat(report.accepted()).isFalse();
        assertThat(report.problems()).as(report.problems().toString()).hasSize(2);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("'proms.gad7-sever'", "not a rule");
            assertThat(p.line()).isEqualTo(content.lineOf(policy, "proms.gad7-sever:"));
        });
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("'home.meanSystolik'", "bp.treated.masked-uncontrolled", "reads no number");
            assertThat(p.line()).isEqualTo(content.lineOf(policy, "home.meanSystolik"));
        });
    }
}

package health.flipside.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.definition.rule.Rule;

import health.flipside.cards.CardCatalog;
import health.flipside.cards.CardTemplate;
import health.flipside.facts.Thresholds;
import health.flipside.rules.RuleSet;
import health.flipside.rules.RuleSource;
import health.flipside.rules.SourceLines;
import health.flipside.rules.SourceProblem;

/**
 * Checks that need no patient: every template a rule names exists, every threshold a rule or a card reads is
 * defined. Read from the rule text (and the DRL generated from decision tables), so a rule that no scenario fires
 * is checked too. The reading is a pattern, not a parser: it covers rules written as rules/README.md shows.
 */
final class ContentCheck {
    /** new Finding(ruleId, severity, "template-id", …): the template is the third argument. */
    private static final Pattern FINDING_TEMPLATE = Pattern.compile("new\\s+Finding\\s*\\(\\s*[^,;]*,\\s*[^,;]*,\\s*\"([^\"]*)\"");
    /** $t : Thresholds(topic == "bp") */
    private static final Pattern THRESHOLDS_BINDING = Pattern.compile("(\\$\\w+)\\s*:\\s*Thresholds\\s*\\(\\s*topic\\s*==\\s*\"(\\w+)\"");
    /** $t.get("name") or $t.getInt("name") */
    private static final Pattern THRESHOLD_READ = Pattern.compile("(\\$\\w+)\\s*\\.\\s*get(?:Int)?\\s*\\(\\s*\"(\\w+)\"\\s*\\)");
    /** {{thresholds.bp.name}}, also inside sections */
    private static final Pattern TEMPLATE_THRESHOLD = Pattern.compile("\\{\\{[#^/]?\\s*thresholds\\.(\\w+)\\.(\\w+)");

    private ContentCheck() {
    }

    static List<SourceProblem> check(RuleSet rules, CardCatalog cards) {
        List<SourceProblem> problems = new ArrayList<>();
        for (RuleSource source : rules.sources()) {
            String code = withoutComments(source.drl());
            templatesNamed(source, code, cards, problems);
            thresholdsRead(source, code, rules.thresholds(), problems);
        }
        for (CardTemplate template : cards.templates().values()) {
            thresholdsInTemplate(template, rules.thresholds(), problems);
        }
        suppressedRulesExist(rules, cards, problems);
        return problems;
    }

    /** Every rule policy.yaml suppresses is a rule of the set: a misspelt id would silently suppress nothing. */
    private static void suppressedRulesExist(RuleSet rules, CardCatalog cards, List<SourceProblem> problems) {
        Set<String> names = rules.kieBase().getKiePackages().stream()
                .flatMap(p -> p.getRules().stream()).map(Rule::getName).collect(Collectors.toSet());
        Path policy = cards.policyFile();
        Map<String, Integer> lines = SourceLines.index(policy);
        cards.policy().suppression().keySet().stream().sorted().filter(rule -> !names.contains(rule))
                .forEach(rule -> problems.add(new SourceProblem(policy, SourceLines.lineOf(lines, "/suppression/" + rule),
                        "suppression names rule '" + rule + "', which is not a rule in rules/")));
    }

    private static void templatesNamed(RuleSource source, String code, CardCatalog cards, List<SourceProblem> problems) {
        Matcher finding = FINDING_TEMPLATE.matcher(code);
        while (finding.find()) {
            String template = finding.group(1);
            if (!cards.has(template)) {
                problems.add(new SourceProblem(source.file(), source.fileLine(lineAt(code, finding.start(1))),
                        "card template '" + template + "' does not exist (expected cds-cards/**/" + template + ".yaml)"));
            }
        }
    }

    private static void thresholdsRead(RuleSource source, String code, Map<String, Thresholds> thresholds,
                                       List<SourceProblem> problems) {
        Map<String, String> topicOf = new HashMap<>();
        Matcher binding = THRESHOLDS_BINDING.matcher(code);
        while (binding.find()) {
            topicOf.put(binding.group(1), binding.group(2));
        }
        Matcher read = THRESHOLD_READ.matcher(code);
        while (read.find()) {
            String topic = topicOf.get(read.group(1));
            if (topic == null) {
                continue; // not a Thresholds variable
            }
            Thresholds defined = thresholds.get(topic);
            if (defined == null || !defined.values().containsKey(read.group(2))) {
                problems.add(new SourceProblem(source.file(), source.fileLine(lineAt(code, read.start(2))),
                        "threshold '" + read.group(2) + "' is not defined in rules/" + topic + "/thresholds.yaml"));
            }
        }
    }

    private static void thresholdsInTemplate(CardTemplate template, Map<String, Thresholds> thresholds, List<SourceProblem> problems) {
        String text;
        try {
            text = Files.readString(template.file());
        } catch (IOException e) {
            return; // the catalog read it a moment ago; a vanished file shows up on the next reload
        }
        Matcher read = TEMPLATE_THRESHOLD.matcher(text);
        while (read.find()) {
            Thresholds defined = thresholds.get(read.group(1));
            if (defined == null || !defined.values().containsKey(read.group(2))) {
                problems.add(new SourceProblem(template.file(), lineAt(text, read.start()), "{{thresholds." + read.group(1)
                        + "." + read.group(2) + "}} is not defined in rules/" + read.group(1) + "/thresholds.yaml"));
            }
        }
    }

    /**
     * The DRL with its comments blanked out (same length, same line breaks), so that a comment quoting
     * {@code $t.get("name")} is not read as code. String literals are kept: "https://…" is not a comment.
     */
    static String withoutComments(String drl) {
        StringBuilder out = new StringBuilder(drl);
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '"') {
                i++;
                while (i < drl.length() && drl.charAt(i) != '"' && drl.charAt(i) != '\n') {
                    i += drl.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (drl.startsWith("//", i)) {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (drl.startsWith("/*", i)) {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? drl.length() : end + 2;
                for (; i < end; i++) {
                    if (drl.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** 1-based line of a character offset. */
    static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}

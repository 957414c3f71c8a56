package health.flipside.cards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import health.flipside.rules.Severity;
import health.flipside.rules.SourceLines;
import health.flipside.rules.SourceProblem;

/**
 * The words a card holds around its template's texts, from the "layout" of cds-cards/policy.yaml: the heading of the
 * talking points, for a card holding several findings its summary, each finding's heading and its guideline line, and
 * the label of the link to the trend view.
 * "{name}" in them is replaced by the text it names, as written.
 *
 * <p>They are in the policy file, with placeholders like moreFindingsHeadline's "{count}", and not in partials: what
 * they frame is markdown already (a rendered summary and detail, a template's guideline label and address), and a
 * partial would escape each as a value ({@link MarkdownText}, the one escaping point), so "*Source: [label](url)*"
 * could no longer be a link.
 *
 * @param talkingPoints     the heading above a card's talking points
 * @param summaryCard       the summary of a card holding several findings: {headline} (the policy's
 *                          summaryCardHeadline or moreFindingsHeadline) and {headlines} (the findings' own)
 * @param headlineSeparator between two of those {headlines}
 * @param sectionHeading    by indicator, the heading of one finding in a card holding several: {headline}
 * @param source            under each of those findings, its guideline: {label}
 * @param sourceWithLink    the same for a guideline with an address: {label}, {url}
 * @param trendLink         the label of the SMART link to the trend view, on a card whose data the view draws
 */
public record CardLayout(String talkingPoints, String summaryCard, String headlineSeparator,
                         Map<Severity, String> sectionHeading, String source, String sourceWithLink, String trendLink) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

    public CardLayout {
        sectionHeading = sectionHeading == null ? Map.of() : Map.copyOf(sectionHeading);
    }

    /** {@code text} with each "{name}" replaced by its value, in one pass: braces in a value stay as they are. */
    static String fill(String text, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value == null ? placeholder.group() : value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    /**
     * The texts of policy.yaml that Java fills in (the layout and moreFindingsHeadline), at their lines: each must be
     * there, and name only the placeholders its place can fill ("{lable}" would reach the physician as written).
     */
    static List<SourceProblem> problems(CardPolicy policy, Path file) {
        Map<String, Integer> lines = SourceLines.index(file);
        List<SourceProblem> problems = new ArrayList<>();
        check(problems, file, lines, "/moreFindingsHeadline", policy.moreFindingsHeadline(), Set.of("count"));
        CardLayout layout = policy.layout();
        if (layout == null) {
            problems.add(new SourceProblem(file, 0, "'layout' is missing: the words a card holds around its template's texts"));
            return problems;
        }
        check(problems, file, lines, "/layout/talkingPoints", layout.talkingPoints(), Set.of());
        check(problems, file, lines, "/layout/summaryCard", layout.summaryCard(), Set.of("headline", "headlines"));
        check(problems, file, lines, "/layout/headlineSeparator", layout.headlineSeparator(), Set.of());
        for (Severity severity : Severity.values()) {
            check(problems, file, lines, "/layout/sectionHeading/" + severity.name(), layout.sectionHeading().get(severity),
                    Set.of("headline"));
        }
        check(problems, file, lines, "/layout/source", layout.source(), Set.of("label"));
        check(problems, file, lines, "/layout/sourceWithLink", layout.sourceWithLink(), Set.of("label", "url"));
        check(problems, file, lines, "/layout/trendLink", layout.trendLink(), Set.of());
        return problems;
    }

    private static void check(List<SourceProblem> problems, Path file, Map<String, Integer> lines, String at,
                              String text, Set<String> names) {
        String name = at.substring(1).replace('/', '.');
        if (text == null) {
            problems.add(new SourceProblem(file, SourceLines.lineOf(lines, at.substring(0, at.lastIndexOf('/'))),
                    "'" + name + "' is missing"));
            return;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!names.contains(placeholder.group(1))) {
                problems.add(new SourceProblem(file, SourceLines.lineOf(lines, at), placeholder.group() + " in '" + name
                        + "' names nothing it can fill" + (names.isEmpty() ? "" : " (it can fill {" + String.join("}, {",
                        names.stream().sorted().toList()) + "})")));
            }
        }
    }
}

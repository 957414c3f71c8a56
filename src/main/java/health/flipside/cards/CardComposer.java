package health.flipside.cards;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.mustachejava.Mustache;

import health.flipside.facts.Thresholds;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;
import health.flipside.rules.SourceProblem;

/**
 * Findings → the cards a physician sees, under the card policy (docs/design.md): ordered critical > warning > info,
 * every info finding merged into one summary card, at most {@code maxCards}; each card with its provenance line,
 * talking points, guideline source, override reasons and a fresh uuid.
 */
public final class CardComposer {
    /** CDS Hooks: summary is a "one-sentence, <140-character" text. */
    static final int SUMMARY_MAX = 139;
    /** Runs of white space in a rendered text, made one space (compiled once: {@code String.replaceAll} compiles on every call). */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final CardCatalog catalog;
    /** Where a checking composer reports template problems; null when serving. */
    private final Consumer<SourceProblem> problems;
    /** Each rule's declared rank ({@code @rank(n)} in its DRL): within an indicator, higher comes first. */
    private final Map<String, Integer> ranks;

    public CardComposer(CardCatalog catalog) {
        this(catalog, Map.of());
    }

    public CardComposer(CardCatalog catalog, Map<String, Integer> ranks) {
        this(catalog, null, ranks);
    }

    private CardComposer(CardCatalog catalog, Consumer<SourceProblem> problems, Map<String, Integer> ranks) {
        this.catalog = catalog;
        this.problems = problems;
        this.ranks = Map.copyOf(ranks);
    }

    /**
     * A composer for authors' checks: renders with the checked texts and reports, instead of serving past them, a
     * value tag that renders nothing, a summary of 140 characters or more, and a finding whose template is missing
     * (that finding is then left out). The cards are otherwise those the served texts give.
     */
    public static CardComposer checking(CardCatalog catalog, Consumer<SourceProblem> problems, Map<String, Integer> ranks) {
        return new CardComposer(catalog, Objects.requireNonNull(problems), ranks);
    }

    public static CardComposer checking(CardCatalog catalog, Consumer<SourceProblem> problems) {
        return checking(catalog, problems, Map.of());
    }

    /**
     * Ordered by indicator, then by the rank each rule declares (never by rule name: "bp" must not outrank
     * "wearables" by the alphabet), the rule id only breaking ties so the answer is the same every time. Non-info
     * findings get a card each, info findings share one summary card. When that makes more than {@code maxCards}
     * cards, the last card holds every finding that did not get its own, most important first, with the highest
     * indicator among them and the count in its summary: the budget never hides an urgent finding in an info line.
     */
    public List<ComposedCard> compose(List<Finding> findings, Collection<Thresholds> thresholds) {
        Map<String, Object> thresholdValues = thresholdValues(thresholds);
        CardPolicy policy = catalog.policy();
        List<Finding> ordered = findings.stream()
                .filter(this::templateExists)
                .map(f -> f.withSeverity(policy.allowed(f)))
                .sorted(Comparator.comparing(Finding::severity)
                        .thenComparing(Comparator.comparing(this::rank).reversed())
                        .thenComparing(Finding::ruleId))
                .toList();
        List<Finding> urgent = ordered.stream().filter(f -> f.severity() != Severity.INFO).toList();
        List<Finding> info = ordered.stream().filter(f -> f.severity() == Severity.INFO).toList();
        int max = policy.maxCards();
        List<ComposedCard> cards = new ArrayList<>();
        if (urgent.size() + (info.isEmpty() ? 0 : 1) <= max) {
            urgent.forEach(f -> cards.add(single(f, thresholdValues)));
            if (info.size() == 1) {
                cards.add(single(info.get(0), thresholdValues));
            } else if (info.size() > 1) {
                cards.add(merged(info, thresholdValues, policy.summaryCardHeadline()));
            }
            return List.copyOf(cards);
        }
        int own = Math.max(0, max - 1);
        urgent.subList(0, own).forEach(f -> cards.add(single(f, thresholdValues)));
        List<Finding> rest = ordered.subList(own, ordered.size());
        cards.add(merged(rest, thresholdValues, CardLayout.fill(policy.moreFindingsHeadline(),
                Map.of("count", String.valueOf(rest.size())))));
        return List.copyOf(cards);
    }

    private int rank(Finding finding) {
        return ranks.getOrDefault(finding.ruleId(), 0);
    }

    private boolean templateExists(Finding finding) {
        if (problems == null || catalog.has(finding.templateId())) {
            return true; // serving: a missing template fails loudly (the reload gate keeps it from ever serving)
        }
        problems.accept(SourceProblem.of("rule " + finding.ruleId() + " names card template '" + finding.templateId()
                + "', which is not in cds-cards/"));
        return false;
    }

    private ComposedCard single(Finding finding, Map<String, Object> thresholdValues) {
        CardCatalog.Compiled compiled = catalog.template(finding.templateId());
        Rendered text = render(compiled, finding, thresholdValues);
        CardTemplate t = compiled.template();
        List<Card.Suggestion> suggestions = suggestions(t);
        Card card = new Card(UUID.randomUUID().toString(), shorten(text.summary()),
                text.detailWithProvenance(catalog.policy().layout()), finding.severity().indicator(), new Card.Source(t.source().label(), t.source().url(), null),
                suggestions, suggestions.isEmpty() ? null : "any", overrideReasons(t), List.of());
        return new ComposedCard(card, List.of(finding.ruleId()), List.of(finding.templateId()));
    }

    /**
     * Several findings in one card, in the order given (most important first): the headlines as summary after
     * {@code headline}, one section per finding in the detail, each worded by the policy's layout. Its indicator is
     * the highest among them, so a warning that shares the card is never shown as info.
     */
    private ComposedCard merged(List<Finding> findings, Map<String, Object> thresholdValues, String headline) {
        CardPolicy policy = catalog.policy();
        CardLayout layout = policy.layout();
        List<String> headlines = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        List<Card.Suggestion> suggestions = new ArrayList<>();
        for (Finding finding : findings) {
            CardCatalog.Compiled compiled = catalog.template(finding.templateId());
            CardTemplate t = compiled.template();
            Rendered text = render(compiled, finding, thresholdValues);
            headlines.add(t.headline());
            String source = t.source().url() == null ? CardLayout.fill(layout.source(), Map.of("label", t.source().label()))
                    : CardLayout.fill(layout.sourceWithLink(), Map.of("label", t.source().label(), "url", t.source().url()));
            sections.add(CardLayout.fill(layout.sectionHeading().get(finding.severity()), Map.of("headline", t.headline()))
                    + "\n\n" + text.summary() + "\n\n" + text.detailWithProvenance(layout) + "\n\n" + source);
            suggestions.addAll(suggestions(t));
        }
        Severity highest = findings.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElse(Severity.INFO);
        String summary = shorten(CardLayout.fill(layout.summaryCard(),
                Map.of("headline", headline, "headlines", String.join(layout.headlineSeparator(), headlines))));
        Card card = new Card(UUID.randomUUID().toString(), summary, String.join("\n\n---\n\n", sections),
                highest.indicator(), new Card.Source(policy.summaryCardSource(), null, null),
                suggestions, suggestions.isEmpty() ? null : "any", overrideReasons(null), List.of());
        return new ComposedCard(card, findings.stream().map(Finding::ruleId).toList(),
                findings.stream().map(Finding::templateId).toList());
    }

    private record Rendered(String summary, String detail, String provenance, List<String> talkingPoints) {
        String detailWithProvenance(CardLayout layout) {
            StringBuilder text = new StringBuilder(detail);
            if (provenance != null && !provenance.isBlank()) {
                text.append("\n\n").append(provenance);
            }
            if (!talkingPoints.isEmpty()) {
                text.append("\n\n").append(layout.talkingPoints()).append("\n\n")
                        .append(talkingPoints.stream().map(p -> "- " + p).collect(Collectors.joining("\n")));
            }
            return text.toString();
        }
    }

    private Rendered render(CardCatalog.Compiled compiled, Finding finding, Map<String, Object> thresholdValues) {
        Map<String, Object> scope = new HashMap<>(finding.params());
        scope.put("thresholds", thresholdValues);
        if (finding.provenance() != null) {
            scope.put("provenance", finding.provenance());
        }
        CardCatalog.Texts texts = compiled.texts(problems != null);
        CardTemplate t = compiled.template();
        String provenance = finding.provenance() == null ? null
                : checked(catalog.provenanceLine(finding.provenance(), problems != null), catalog.provenancePartial(), null, finding);
        String summary = oneLine(text(texts.summary(), scope, t, "summary", finding));
        if (problems != null && summary.length() > SUMMARY_MAX) {
            problems.accept(new SourceProblem(t.file(), CardCatalog.fileLine(t.file(), "summary", 1), "summary renders "
                    + summary.length() + " characters for rule " + finding.ruleId() + " (a card summary must stay under 140): \""
                    + summary + "\""));
        }
        List<String> talkingPoints = new ArrayList<>();
        for (int i = 0; i < texts.talkingPoints().size(); i++) {
            talkingPoints.add(oneLine(text(texts.talkingPoints().get(i), scope, t, "talkingPoints/" + i, finding)));
        }
        return new Rendered(summary, text(texts.detail(), scope, t, "detail", finding).strip(), provenance, talkingPoints);
    }

    private String text(Mustache mustache, Map<String, Object> scope, CardTemplate t, String field, Finding finding) {
        return checked(CardCatalog.render(mustache, scope), t.file(), field, finding);
    }

    /** Reports the value tags that rendered nothing (checking only) and returns the text as served. */
    private String checked(String rendered, Path file, String field, Finding finding) {
        if (problems == null) {
            return rendered;
        }
        for (CheckingMustacheFactory.Missing missing : CheckingMustacheFactory.missing(rendered)) {
            int line = field == null ? missing.line() : CardCatalog.fileLine(file, field, missing.line());
            problems.accept(new SourceProblem(file, line, "{{" + missing.name() + "}}" + (field == null ? "" : " in " + field)
                    + " has no value for rule " + finding.ruleId() + " (a misspelt name, or a fact the rule does not pass)"));
        }
        return CheckingMustacheFactory.unmarked(rendered);
    }

    private static List<Card.Suggestion> suggestions(CardTemplate t) {
        return t.suggestions().stream().map(s -> new Card.Suggestion(s.label(), UUID.randomUUID().toString(), null,
                s.resource() == null ? List.of() : List.of(new Card.Action("create", s.actionDescription(), s.resource()))))
                .toList();
    }

    private List<Card.Coding> overrideReasons(CardTemplate t) {
        CardPolicy policy = catalog.policy();
        List<CardTemplate.ReasonRef> reasons = t == null || t.overrideReasons().isEmpty() ? policy.overrideReasons() : t.overrideReasons();
        return reasons.stream().map(r -> new Card.Coding(policy.overrideReasonSystem(), r.code(), r.display())).toList();
    }

    /** Threshold values by topic and name, printed as people write them ("130", not "130.0"). */
    private static Map<String, Object> thresholdValues(Collection<Thresholds> thresholds) {
        Map<String, Object> byTopic = new HashMap<>();
        for (Thresholds t : thresholds) {
            Map<String, String> values = new HashMap<>();
            t.values().forEach((name, threshold) ->
                    values.put(name, BigDecimal.valueOf(threshold.value()).stripTrailingZeros().toPlainString()));
            byTopic.put(t.topic(), values);
        }
        return byTopic;
    }

    private static String oneLine(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }

    private static String shorten(String summary) {
        return summary.length() <= SUMMARY_MAX ? summary : summary.substring(0, SUMMARY_MAX - 1).stripTrailing() + "…";
    }
}

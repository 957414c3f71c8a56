package health.flipside.services;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import health.flipside.cards.Card;
import health.flipside.cards.CardCatalog;
import health.flipside.cards.CardComposer;
import health.flipside.cards.ComposedCard;
import health.flipside.facts.CardFeedback;
import health.flipside.facts.FactBuilder;
import health.flipside.facts.PatientData;
import health.flipside.fhir.FactExtractor;
import health.flipside.fhir.ResolvedData;
import health.flipside.facts.UnitConverter;
import health.flipside.rules.Finding;
import health.flipside.rules.RuleEngine;
import health.flipside.rules.RuleSet;
import health.flipside.rules.SourceProblem;
import health.flipside.trend.TrendWindows;

/**
 * FHIR data → facts → summaries → rules → cards: the whole clinical pipeline as plain Java, callable from a
 * unit test, a scenario runner or a command line, with no server around it (docs/design.md house rule 1).
 */
public final class SummaryPipeline {
    private static final UnitConverter UNITS = new UnitConverter();
    private static final RuleEngine ENGINE = new RuleEngine();

    private final RuleSet rules;
    private final CardCatalog cards;
    private final Map<String, Integer> ranks;
    private final FactBuilder facts;
    private final TrendWindows trendWindows;

    public SummaryPipeline(RuleSet rules, CardCatalog cards) {
        this.rules = rules;
        this.cards = cards;
        this.ranks = rules.ranks();
        this.facts = new FactBuilder(rules.thresholds(), cards::promOverviewNames);
        this.trendWindows = new TrendWindows(rules.thresholds());
    }

    /**
     * @param findings   every finding the rules gave
     * @param composed   the cards, from the findings not suppressed
     * @param outOfScope why the patient is outside Flipside's scope and nothing was judged ("child"), or null
     * @param suppressed the findings left out by an earlier override (alert hygiene), with that override
     */
    public record Result(List<Finding> findings, List<ComposedCard> composed, String outOfScope,
                         List<Suppressions.Suppressed> suppressed, Set<String> chartable) {
        public Result {
            chartable = chartable == null ? Set.of() : Set.copyOf(chartable);
        }

        public Result(List<Finding> findings, List<ComposedCard> composed) {
            this(findings, composed, null, List.of(), Set.of());
        }

        public List<Card> cards() {
            return composed.stream().map(ComposedCard::card).toList();
        }
    }

    /** Children are out of scope (issue 9; rules/common/thresholds.yaml childUnderAge): no rule runs, no card. */
    static final String CHILD = "child";

    /**
     * A run as authors see it: the facts the rules received, each rule that fired with the facts it matched, the
     * result, and the template problems found while rendering (see {@link CardComposer#checking}).
     */
    public record Explained(List<Object> facts, List<RuleEngine.Firing> firings, Result result, List<SourceProblem> problems) {
        public Explained {
            facts = List.copyOf(facts);
            firings = List.copyOf(firings);
            problems = List.copyOf(problems);
        }
    }

    public Result run(ResolvedData data, Instant now) {
        return run(data, now, PatientHistory.NONE);
    }

    /**
     * As {@link #run(ResolvedData, Instant)}, with what the feedback database knows about the patient's earlier cards:
     * the card feedback goes to the rules as a fact, and findings an override still covers are left out before the
     * cards are composed (so the card budget goes to what is shown).
     */
    public Result run(ResolvedData data, Instant now, PatientHistory history) {
        PatientData patient = patient(data);
        if (facts.patientContext(patient, now).child()) {
            return new Result(List.of(), List.of(), CHILD, List.of(), Set.of());
        }
        FactBuilder.Built built = facts.build(patient, history.feedback(), now);
        List<Finding> findings = ENGINE.evaluate(rules, built.facts());
        Suppressions.Filtered filtered = Suppressions.filter(findings, cards.policy(), history.overrides(), now);
        List<ComposedCard> composed = new CardComposer(cards, ranks).compose(filtered.shown(), facts.thresholds());
        // The trend view's topics for this patient, from the same facts: a card links to it only if it has a chart.
        Set<String> chartable = composed.isEmpty() ? Set.of() : trendWindows.topics(patient, built, now);
        return new Result(findings, composed, null, filtered.suppressed(), chartable);
    }

    /** As {@link #run}, for previews, scenarios and checks: slower (it traces and checks), never on the request path. */
    public Explained explain(ResolvedData data, Instant now) {
        return explain(data, now, CardFeedback.NONE);
    }

    /** As {@link #explain(ResolvedData, Instant)} with feedback on the patient's earlier cards (scenarios). */
    public Explained explain(ResolvedData data, Instant now, CardFeedback feedback) {
        PatientData patient = patient(data);
        if (facts.patientContext(patient, now).child()) {
            return new Explained(List.of(facts.patientContext(patient, now)), List.of(),
                    new Result(List.of(), List.of(), CHILD, List.of(), Set.of()), List.of());
        }
        List<Object> patientFacts = facts.facts(patient, feedback, now);
        RuleEngine.Trace trace = ENGINE.trace(rules, patientFacts);
        Set<SourceProblem> problems = new LinkedHashSet<>();
        List<ComposedCard> composed = CardComposer.checking(cards, problems::add, ranks).compose(trace.findings(), facts.thresholds());
        return new Explained(patientFacts, trace.firings(), new Result(trace.findings(), composed), List.copyOf(problems));
    }

    /** The patient's data as the facts are built from it: the one FHIR reading the cards and the trend view share. */
    public PatientData patient(ResolvedData data) {
        return new FactExtractor(rules.devices(), rules.antihypertensives(), rules.vocabulary(), UNITS).extract(data);
    }
}

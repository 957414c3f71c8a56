package health.flipside.services;

import java.time.Instant;
import java.util.List;

import health.flipside.cards.Card;
import health.flipside.cards.CardCatalog;
import health.flipside.cards.CardComposer;
import health.flipside.cards.ComposedCard;
import health.flipside.facts.FactBuilder;
import health.flipside.facts.PatientData;
import health.flipside.fhir.FactExtractor;
import health.flipside.fhir.ResolvedData;
import health.flipside.facts.UnitConverter;
import health.flipside.rules.Finding;
import health.flipside.rules.RuleEngine;
import health.flipside.rules.RuleSet;

/**
 * FHIR data → facts → summaries → rules → cards: the whole clinical pipeline as plain Java, callable from a
 * unit test, a scenario runner or a command line, with no server around it (design.md house rule 1).
 */
public final class SummaryPipeline {
    private static final UnitConverter UNITS = new UnitConverter();
    private static final RuleEngine ENGINE = new RuleEngine();

    private final RuleSet rules;
    private final CardCatalog cards;

    public SummaryPipeline(RuleSet rules, CardCatalog cards) {
        this.rules = rules;
        this.cards = cards;
    }

    public record Result(List<Finding> findings, List<ComposedCard> composed) {
        public List<Card> cards() {
            return composed.stream().map(ComposedCard::card).toList();
        }
    }

    public Result run(ResolvedData data, Instant now) {
        PatientData patient = new FactExtractor(rules.devices(), rules.antihypertensives(), UNITS).extract(data);
        FactBuilder facts = new FactBuilder(rules.thresholds());
        List<Finding> findings = ENGINE.evaluate(rules, facts.facts(patient, now));
        return new Result(findings, new CardComposer(cards).compose(findings, facts.thresholds()));
    }
}

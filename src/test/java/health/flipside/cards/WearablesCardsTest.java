package health.flipside.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.TestSources;
import health.flipside.facts.provenance.Provenance;
import health.flipside.facts.wearables.RhythmNotifications;
import health.flipside.rules.Finding;
import health.flipside.rules.RuleSet;
import health.flipside.rules.RuleSetLoader;
import health.flipside.rules.Severity;

/**
 * The irregular-rhythm card with the real texts of cds-cards/wearables: "AF is not on the problem list" may only be
 * said when the problem list arrived (docs/clinical-sources.md, wearables: an unknown list never becomes "no AF
 * diagnosis"), and the card
 * never labels AF or offers a stroke-risk score.
 */
class WearablesCardsTest {
    private static final Provenance WATCH = new Provenance(TestSources.one(DeviceTier.CONSUMER, "Apple Watch Series 9"),
            2, 2, 90, 28, null, DeviceTier.CONSUMER, null);
    private static RuleSet rules;
    private static CardComposer composer;

    @BeforeAll
    static void load() {
        rules = new RuleSetLoader().load(Path.of("rules"));
        composer = new CardComposer(CardCatalog.load(Path.of("cds-cards")));
    }

    private static Card irnCard(boolean conditionsKnown) {
        RhythmNotifications irn = new RhythmNotifications(2, "30 Oct, 2 Oct", false, conditionsKnown, 8, WATCH);
        Finding finding = new Finding("wearables.irn-unconfirmed", Severity.WARNING, "wearables-irn-unconfirmed", WATCH,
                Map.of("irn", irn));
        List<ComposedCard> cards = composer.compose(List.of(finding), rules.thresholds().values());
        assertThat(cards).hasSize(1);
        return cards.get(0).card();
    }

    @Test
    void aKnownProblemListWithoutAfIsSaidSo() {
        Card card = irnCard(true);
        assertThat(card.summary()).startsWith("2 smartwatch irregular-rhythm notifications, unconfirmed")
                .contains("ECG review (ACC/AHA 2023, COR 1)").hasSizeLessThan(140);
        assertThat(card.detail()).contains("Atrial fibrillation is not on the problem list", "30 Oct, 2 Oct", "12-lead ECG");
    }

    @Test
    void anUnknownProblemListNeverBecomesNoAfDiagnosis() {
        Card card = irnCard(false);
        assertThat(card.detail()).doesNotContain("not on the problem list")
                .contains("whether AF is already known cannot be said");
        assertThat(card.summary() + card.detail()).doesNotContain("CHA2DS2", "CHA₂DS₂", "has atrial fibrillation", "no AF diagnosis");
    }
}

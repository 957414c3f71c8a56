package health.flipside.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import health.flipside.cards.CardPolicy;
import health.flipside.cards.SuppressionRule;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;

/** Which findings an earlier override keeps away (README "Alert hygiene"), without a database. */
class SuppressionsTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String BP = "bp.treated.masked-uncontrolled";
    static final String TIR = "glucose.time-in-range-low";

    record Home(int meanSystolic) {
    }

    static final CardPolicy POLICY = new CardPolicy(3, "Summary", "Flipside", "urn:x", List.of(),
            Set.of("bp.severe-home-reading"), Map.of(), Map.of(), null,
            Map.of(BP, new SuppressionRule(30, "home.meanSystolic", null),
                    TIR, new SuppressionRule(14, "cgm.inRange", SuppressionRule.Worse.LOWER),
                    "wearables.irn-unconfirmed", new SuppressionRule(30, null, null),
                    "bp.severe-home-reading", new SuppressionRule(30, null, null)),
            Set.of("already-addressed"), null);

    static Finding bp(int meanSystolic) {
        return new Finding(BP, Severity.WARNING, "t", null, Map.of("home", new Home(meanSystolic)));
    }

    static PastOverride override(String rule, String indicator, String measure, Double value, Instant at) {
        return new PastOverride("f-" + rule + at, rule, at, "not-relevant", indicator, measure, value);
    }

    static List<Finding> shown(List<Finding> findings, PastOverride... overrides) {
        return Suppressions.filter(findings, POLICY, List.of(overrides), NOW).shown();
    }

    @Test
    void theSameDataWithinThePeriodIsSuppressedAndCountedAgainstItsOverride() {
        PastOverride o = override(BP, "warning", "home.meanSystolic", 138.0, NOW.minus(Duration.ofDays(29)));

        Suppressions.Filtered filtered = Suppressions.filter(List.of(bp(138)), POLICY, List.of(o), NOW);

        assertThat(filtered.shown()).isEmpty();
        assertThat(filtered.suppressed()).singleElement().satisfies(s -> assertThat(s.override()).isEqualTo(o));
        assertThat(shown(List.of(bp(135)), o)).as("better data stays away too").isEmpty();
    }

    @Test
    void worseDataAHigherIndicatorOrTheEndOfThePeriodBringItBack() {
        Instant at = NOW.minus(Duration.ofDays(3));
        assertThat(shown(List.of(bp(139)), override(BP, "warning", "home.meanSystolic", 138.0, at))).hasSize(1);
        assertThat(shown(List.of(bp(138)), override(BP, "info", "home.meanSystolic", 138.0, at)))
                .as("the card was info then, warning now").hasSize(1);
        assertThat(shown(List.of(bp(138)), override(BP, "warning", "home.meanSystolic", 138.0, NOW.minus(Duration.ofDays(30)))))
                .as("30 days after the override").hasSize(1);
    }

    @Test
    void lowerIsWorseWhenThePolicySaysSo() {
        Finding tir = new Finding(TIR, Severity.WARNING, "t", null, Map.of("cgm", Map.of("inRange", 55.0)));
        Instant at = NOW.minus(Duration.ofDays(1));
        assertThat(shown(List.of(tir), override(TIR, "warning", "cgm.inRange", 60.0, at))).as("55 < 60: worse").hasSize(1);
        assertThat(shown(List.of(tir), override(TIR, "warning", "cgm.inRange", 50.0, at))).as("55 > 50: better").isEmpty();
    }

    @Test
    void aMeasureThatCannotBeComparedShowsTheCard() {
        Instant at = NOW.minus(Duration.ofDays(1));
        assertThat(shown(List.of(bp(130)), override(BP, "warning", null, null, at))).as("no measure recorded").hasSize(1);
        assertThat(shown(List.of(bp(130)), override(BP, "warning", "home.meanDiastolic", 140.0, at)))
                .as("the policy's measure changed since").hasSize(1);
        Finding noHome = new Finding(BP, Severity.WARNING, "t", null, Map.of());
        assertThat(shown(List.of(noHome), override(BP, "warning", "home.meanSystolic", 140.0, at))).hasSize(1);
    }

    @Test
    void neverSuppressedAreUnlistedRulesCriticalRulesAndRulesFiringTwice() {
        Instant at = NOW.minus(Duration.ofDays(1));
        Finding unlisted = new Finding("bp.treated.uncontrolled", Severity.WARNING, "t", null, Map.of());
        Finding severe = new Finding("bp.severe-home-reading", Severity.CRITICAL, "t", null, Map.of());
        assertThat(shown(List.of(unlisted), override("bp.treated.uncontrolled", "warning", null, null, at))).hasSize(1);
        assertThat(shown(List.of(severe), override("bp.severe-home-reading", "critical", null, null, at))).hasSize(1);
        assertThat(shown(List.of(bp(120), bp(120)), override(BP, "warning", "home.meanSystolic", 140.0, at))).hasSize(2);
        Finding irn = new Finding("wearables.irn-unconfirmed", Severity.WARNING, "t", null, Map.of());
        assertThat(shown(List.of(irn), override("wearables.irn-unconfirmed", "warning", null, null, at)))
                .as("a rule without a measure: only the period and the indicator").isEmpty();
    }

    @Test
    void measuresReadMapKeysAndAccessorsLikeTemplates() {
        assertThat(Suppressions.measure(bp(141), "home.meanSystolic")).contains(141.0);
        assertThat(Suppressions.measure(bp(141), "home.nothing")).isEmpty();
        assertThat(Suppressions.measure(bp(141), "home")).as("not a number").isEmpty();
        assertThat(Suppressions.measures(List.of(bp(141)), POLICY)).isEqualTo(Map.of(BP, 141.0));
        assertThat(Suppressions.measures(List.of(bp(141), bp(150)), POLICY)).as("fired twice: no single value").isEmpty();
    }
}

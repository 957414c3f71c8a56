package health.flipside.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.TestSources;
import health.flipside.facts.provenance.Provenance;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;

/** The card policy's caps (docs/design.md "Card policy"; cds-cards/policy.yaml). */
class CardPolicyTest {
    private static final CardPolicy POLICY = new CardPolicy(3, "Patient data summary", "Flipside", "urn:x", List.of(),
            Set.of("bp.severe-home-reading"), Map.of(DeviceTier.CONSUMER, Severity.INFO, DeviceTier.SELF_REPORTED, Severity.INFO),
            Map.of("wearables.irn-unconfirmed", Severity.WARNING));

    private static Finding finding(String rule, Severity severity, DeviceTier tier) {
        Provenance provenance = tier == null ? null : new Provenance(TestSources.one(tier, "x"), 3, 2, 14, 0, null, tier, null);
        return new Finding(rule, severity, "t", provenance, Map.of());
    }

    @Test
    void criticalIsKeptOnlyForTheListedSameDaySafetyRules() {
        assertThat(POLICY.allowed(finding("bp.severe-home-reading", Severity.CRITICAL, DeviceTier.VALIDATED))).isEqualTo(Severity.CRITICAL);
        assertThat(POLICY.allowed(finding("glucose.trend", Severity.CRITICAL, DeviceTier.VALIDATED))).isEqualTo(Severity.WARNING);
    }

    @Test
    void consumerAndSelfReportedDataAreCappedAtInfo() {
        assertThat(POLICY.allowed(finding("wearables.spo2-low", Severity.WARNING, DeviceTier.CONSUMER))).isEqualTo(Severity.INFO);
        assertThat(POLICY.allowed(finding("bp.severe-home-reading", Severity.CRITICAL, DeviceTier.SELF_REPORTED))).isEqualTo(Severity.INFO);
        assertThat(POLICY.allowed(finding("heart-failure.weight-gain", Severity.WARNING, DeviceTier.CLINIC_ISSUED))).isEqualTo(Severity.WARNING);
    }

    @Test
    void aNamedExceptionMayRiseAboveTheTierCapButNoHigher() {
        assertThat(POLICY.allowed(finding("wearables.irn-unconfirmed", Severity.WARNING, DeviceTier.CONSUMER))).isEqualTo(Severity.WARNING);
        assertThat(POLICY.allowed(finding("wearables.irn-unconfirmed", Severity.CRITICAL, DeviceTier.CONSUMER))).isEqualTo(Severity.WARNING);
    }

    @Test
    void anExceptionLiftsATierCapButNeverLowersTrustedData() {
        CardPolicy policy = new CardPolicy(3, "h", "s", "urn:x", List.of(), Set.of("bp.pregnancy-severe-range"),
                Map.of(DeviceTier.SELF_REPORTED, Severity.INFO), Map.of("bp.pregnancy-severe-range", Severity.WARNING));
        assertThat(policy.allowed(finding("bp.pregnancy-severe-range", Severity.CRITICAL, DeviceTier.CLINIC_ISSUED)))
                .as("a validated cuff keeps critical").isEqualTo(Severity.CRITICAL);
        assertThat(policy.allowed(finding("bp.pregnancy-severe-range", Severity.CRITICAL, DeviceTier.SELF_REPORTED)))
                .as("typed in: lifted from info to warning, not critical").isEqualTo(Severity.WARNING);
    }

    @Test
    void findingsWithoutDeviceDataAreNotCappedByTier() {
        assertThat(POLICY.allowed(finding("proms.phq9-severe", Severity.WARNING, null))).isEqualTo(Severity.WARNING);
    }
}

package health.flipside.cards;

import java.util.List;
import java.util.Map;
import java.util.Set;

import health.flipside.facts.provenance.DeviceTier;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;

/**
 * The clinical-governance defaults of docs/design.md "Card policy", read from {@code cds-cards/policy.yaml}.
 *
 * @param maxCards             at most this many cards per call
 * @param summaryCardHeadline  summary of the merged info card, followed by the findings' headlines
 * @param summaryCardSource    source label of the merged info card
 * @param overrideReasonSystem code system of Flipside's override reasons
 * @param overrideReasons      reasons offered on every card unless its template lists its own
 * @param criticalRules        the only rules whose findings may be critical (same-day safety items); any other
 *                             critical finding is shown as a warning
 * @param tierCaps             the highest indicator a finding may have, by the least trusted device tier it rests on
 *                             (consumer and self-reported data: info)
 * @param capExceptions        rules allowed above their tier cap, up to the given indicator (an unconfirmed
 *                             irregular-rhythm notification: warning)
 * @param moreFindingsHeadline the headline of the last card when the budget cannot give every finding its own card:
 *                             "{count}" is replaced by the number of findings it holds
 * @param suppression          alert hygiene: by rule id, how long a card overridden with a reason stays away and what
 *                             brings it back (README "Alert hygiene"); a rule not listed is never suppressed
 * @param dealtWithReasons     override reason codes that say a card was acted on (with an accepted outcome, they end
 *                             the PHQ-9 item 9 card)
 * @param layout               the words a card holds around its template's texts
 */
public record CardPolicy(int maxCards, String summaryCardHeadline, String summaryCardSource,
                         String overrideReasonSystem, List<CardTemplate.ReasonRef> overrideReasons,
                         Set<String> criticalRules, Map<DeviceTier, Severity> tierCaps,
                         Map<String, Severity> capExceptions, String moreFindingsHeadline,
                         Map<String, SuppressionRule> suppression, Set<String> dealtWithReasons, CardLayout layout) {
    public CardPolicy {
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        criticalRules = criticalRules == null ? Set.of() : Set.copyOf(criticalRules);
        tierCaps = tierCaps == null ? Map.of() : Map.copyOf(tierCaps);
        capExceptions = capExceptions == null ? Map.of() : Map.copyOf(capExceptions);
        suppression = suppression == null ? Map.of() : Map.copyOf(suppression);
        dealtWithReasons = dealtWithReasons == null ? Set.of() : Set.copyOf(dealtWithReasons);
    }

    /** A policy for the indicators alone: no alert hygiene, no words (a catalog's policy has them all). */
    public CardPolicy(int maxCards, String summaryCardHeadline, String summaryCardSource, String overrideReasonSystem,
                      List<CardTemplate.ReasonRef> overrideReasons, Set<String> criticalRules,
                      Map<DeviceTier, Severity> tierCaps, Map<String, Severity> capExceptions) {
        this(maxCards, summaryCardHeadline, summaryCardSource, overrideReasonSystem, overrideReasons, criticalRules,
                tierCaps, capExceptions, null, null, null, null);
    }

    /** The longest suppression period of any rule, in days (0 when no rule is suppressed). */
    public int longestSuppressionDays() {
        return suppression.values().stream().mapToInt(SuppressionRule::days).max().orElse(0);
    }

    /** The indicator the finding is shown with: its own, lowered to what the policy allows. */
    public Severity allowed(Finding finding) {
        Severity severity = finding.severity();
        if (severity == Severity.CRITICAL && !criticalRules.contains(finding.ruleId())) {
            severity = Severity.WARNING;
        }
        DeviceTier tier = finding.provenance() == null ? null : finding.provenance().tier();
        // An exception lifts a tier cap; it never lowers a finding from data that has no cap (a validated cuff).
        Severity tierCap = tier == null ? null : tierCaps.get(tier);
        Severity cap = tierCap == null ? null : capExceptions.getOrDefault(finding.ruleId(), tierCap);
        return cap != null && severity.compareTo(cap) < 0 ? cap : severity;
    }
}

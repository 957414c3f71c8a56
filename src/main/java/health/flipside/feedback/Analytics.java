package health.flipside.feedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * Alert-fatigue figures (GET /admin/analytics): for every rule id and every card template id, how many cards were
 * issued, accepted and overridden, why they were overridden, and the acceptance rate overall and per ISO week.
 *
 * <p>Definitions (also in {@link #DEFINITIONS}, sent with the figures): a card is <em>accepted</em> when at least one
 * feedback item says so, <em>overridden</em> likewise (a card can be both); <em>acceptance rate</em> = cards accepted
 * / cards issued; a week is the ISO 8601 week (UTC) in which the card was issued, so a late acceptance still counts
 * for the week its card was shown; override reasons count distinct cards per reason code. A card merged from several
 * findings counts once for each of its rules and templates. Cards without feedback (ignored, per CDS Hooks) count as
 * issued only.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Analytics(@JsonSerialize(using = ToStringSerializer.class) Instant generatedAt,
                        Map<String, String> definitions, Totals totals, List<Group> rules, List<Group> templates,
                        List<Suppression> suppressions) {

    public static final Map<String, String> DEFINITIONS = defaultDefinitions();

    private static Map<String, String> defaultDefinitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("issued", "cards Flipside returned");
        d.put("accepted", "cards with at least one 'accepted' feedback item");
        d.put("overridden", "cards with at least one 'overridden' feedback item");
        d.put("acceptanceRate", "accepted / issued, 3 decimals (null when nothing was issued)");
        d.put("week", "ISO 8601 week (UTC) in which the card was issued");
        d.put("overrideReasons", "distinct overridden cards per reason code; a null code is an override with a comment only");
        d.put("feedbackItems", "distinct feedback items stored (the same item sent again is stored once)");
        d.put("suppressions", "alert hygiene, per rule: overrides with a coded reason recorded for an identified patient; "
                + "activePatients = patients with such an override within the rule's period (policy.yaml; its card stays "
                + "away unless the data got worse); suppressedFindings = findings not shown because of one");
        return Collections.unmodifiableMap(d);
    }

    public Analytics(Instant generatedAt, Totals totals, List<Group> rules, List<Group> templates) {
        this(generatedAt, totals, rules, templates, List.of());
    }

    public Analytics(Instant generatedAt, Totals totals, List<Group> rules, List<Group> templates, List<Suppression> suppressions) {
        this(generatedAt, DEFINITIONS, totals, rules, templates, suppressions);
    }

    /**
     * Alert hygiene for one rule.
     *
     * @param days               the rule's period in policy.yaml now, or null when the rule is no longer suppressed
     * @param overrides          overrides with a coded reason recorded for an identified patient, ever
     * @param activePatients     patients whose override is within the period now
     * @param suppressedFindings findings not shown because of an override
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Suppression(String ruleId, Integer days, long overrides, long activePatients, long suppressedFindings) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Totals(long issued, long accepted, long overridden, Double acceptanceRate, long feedbackItems) {
        static Totals of(long issued, long accepted, long overridden, long feedbackItems) {
            return new Totals(issued, accepted, overridden, rate(accepted, issued), feedbackItems);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(String id, long issued, long accepted, long overridden, Double acceptanceRate,
                        List<ReasonCount> overrideReasons, List<Week> weeks) {
        static Group of(String id, List<Week> weeks, List<ReasonCount> reasons) {
            long issued = weeks.stream().mapToLong(Week::issued).sum();
            long accepted = weeks.stream().mapToLong(Week::accepted).sum();
            long overridden = weeks.stream().mapToLong(Week::overridden).sum();
            List<ReasonCount> sorted = reasons.stream()
                    .sorted(Comparator.comparingLong(ReasonCount::count).reversed()
                            .thenComparing(ReasonCount::code, Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();
            return new Group(id, issued, accepted, overridden, rate(accepted, issued), sorted, List.copyOf(weeks));
        }
    }

    /** @param week ISO 8601 week, e.g. 2026-W47 */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Week(String week, long issued, long accepted, long overridden, Double acceptanceRate) {
        static Week of(String week, long issued, long accepted, long overridden) {
            return new Week(week, issued, accepted, overridden, rate(accepted, issued));
        }
    }

    /** @param code null for overrides with a user comment and no coded reason */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReasonCount(String system, String code, String display, long count) {
    }

    /** Three decimals, so the JSON reads 0.333 rather than 0.3333333333333333. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP).doubleValue();
    }
}

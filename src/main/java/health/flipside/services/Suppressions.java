package health.flipside.services;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import health.flipside.cards.CardPolicy;
import health.flipside.cards.SuppressionRule;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;

/**
 * Alert hygiene (README "Alert hygiene"): which findings are not shown because a clinician overrode the same rule's
 * card for this patient with a reason, within the rule's period, and nothing got worse since. Pure: the overrides
 * come in, the verdict goes out. Runs between the rules and the composer, so the card budget is spent on what is shown.
 */
public final class Suppressions {
    private Suppressions() {
    }

    /** A finding kept from the answer, and the override that kept it. */
    public record Suppressed(Finding finding, PastOverride override) {
    }

    /** The findings to compose, and those suppressed. */
    public record Filtered(List<Finding> shown, List<Suppressed> suppressed) {
        public Filtered {
            shown = List.copyOf(shown);
            suppressed = List.copyOf(suppressed);
        }
    }

    public static Filtered filter(List<Finding> findings, CardPolicy policy, List<PastOverride> overrides, Instant now) {
        if (overrides.isEmpty() || policy.suppression().isEmpty()) {
            return new Filtered(findings, List.of());
        }
        Map<String, Long> firings = findings.stream().collect(Collectors.groupingBy(Finding::ruleId, Collectors.counting()));
        List<Finding> shown = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        for (Finding finding : findings) {
            SuppressionRule rule = policy.suppression().get(finding.ruleId());
            Optional<PastOverride> by = rule == null || policy.criticalRules().contains(finding.ruleId())
                    || firings.get(finding.ruleId()) > 1
                    ? Optional.empty() : activeOverride(finding, rule, policy.allowed(finding), overrides, now);
            if (by.isPresent()) {
                suppressed.add(new Suppressed(finding, by.get()));
            } else {
                shown.add(finding);
            }
        }
        return new Filtered(shown, suppressed);
    }

    /** The latest override of the finding's rule still in its period that the finding does not outgrow. */
    private static Optional<PastOverride> activeOverride(Finding finding, SuppressionRule rule, Severity shownAs,
                                                         List<PastOverride> overrides, Instant now) {
        Double measure = rule.measure() == null ? null : measure(finding, rule.measure()).orElse(null);
        return overrides.stream()
                .filter(o -> o.ruleId().equals(finding.ruleId()))
                .filter(o -> now.isBefore(o.overriddenAt().plus(Duration.ofDays(rule.days()))))
                .filter(o -> !comesBack(o, rule, shownAs, measure))
                .max(Comparator.comparing(PastOverride::overriddenAt));
    }

    /** New, worse data: a higher indicator than the overridden card had, or a worse measure (or one not comparable). */
    static boolean comesBack(PastOverride override, SuppressionRule rule, Severity shownAs, Double measure) {
        Severity then = severity(override.indicator());
        if (then == null || shownAs.compareTo(then) < 0) {
            return true;
        }
        if (rule.measure() == null) {
            return false;
        }
        if (measure == null || override.measureValue() == null || !rule.measure().equals(override.measureName())) {
            return true; // cannot say it is not worse: show it
        }
        return rule.worse(measure, override.measureValue());
    }

    private static Severity severity(String indicator) {
        for (Severity s : Severity.values()) {
            if (s.indicator().equals(indicator)) {
                return s;
            }
        }
        return null;
    }

    /** The measure of every rule of the policy that fired exactly once, by rule id (what the issued-cards log keeps). */
    public static Map<String, Double> measures(List<Finding> findings, CardPolicy policy) {
        Map<String, List<Finding>> byRule = findings.stream().collect(Collectors.groupingBy(Finding::ruleId));
        return byRule.entrySet().stream()
                .filter(e -> e.getValue().size() == 1)
                .filter(e -> policy.suppression().containsKey(e.getKey()) && policy.suppression().get(e.getKey()).measure() != null)
                .flatMap(e -> measure(e.getValue().get(0), policy.suppression().get(e.getKey()).measure())
                        .map(v -> Map.entry(e.getKey(), v)).stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * A number in the finding's params by the path a template would read ({@code home.meanSystolic}): map keys and
     * public accessors (record components, getters). Empty when the path names nothing or something not a number.
     */
    public static Optional<Double> measure(Finding finding, String path) {
        Object value = finding.params();
        for (String name : path.split("\\.")) {
            value = value == null ? null : step(value, name);
        }
        return value instanceof Number n && Double.isFinite(n.doubleValue()) ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    private static Object step(Object value, String name) {
        if (value instanceof Map<?, ?> map) {
            return map.get(name);
        }
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + capitalised, "is" + capitalised)) {
            Object result = call(value, candidate);
            if (result != NOTHING) {
                return result;
            }
        }
        return null;
    }

    private static final Object NOTHING = new Object();

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                return NOTHING;
            }
            return m.invoke(target);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return NOTHING;
        }
    }
}

package health.flipside.rules;

import java.util.Map;

import health.flipside.facts.provenance.Provenance;

/**
 * What a rule concluded: the output fact of every rule (rules/README.md).
 *
 * @param ruleId     the rule's name, set from {@code drools.getRule().getName()}
 * @param templateId the card template in cds-cards/ that words this finding
 * @param provenance where the data behind it came from (every card shows it)
 * @param params     the facts the template may read, by name (e.g. "home", "office", "bp")
 */
public record Finding(String ruleId, Severity severity, String templateId, Provenance provenance,
                      Map<String, Object> params) {
    public Finding {
        params = Map.copyOf(params);
    }

    /** The same finding at another weight (the card policy may lower it). */
    public Finding withSeverity(Severity other) {
        return other == severity ? this : new Finding(ruleId, other, templateId, provenance, params);
    }
}

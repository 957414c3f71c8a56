package health.flipside.authoring;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;
import health.flipside.facts.Thresholds;
import health.flipside.rules.Finding;
import health.flipside.rules.RuleEngine;
import health.flipside.services.SummaryPipeline;

/** A preview for a terminal: the cards as an EHR shows them, then which rules fired on which facts. */
final class PreviewText {
    private PreviewText() {
    }

    static void print(PrintStream out, SummaryPipeline.Explained run) {
        List<ComposedCard> cards = run.result().composed();
        out.println(cards.isEmpty() ? "No cards (an empty answer is a good answer)." : cards.size() + " card(s):");
        for (ComposedCard composed : cards) {
            Card card = composed.card();
            out.println();
            out.println("[" + card.indicator().toUpperCase(java.util.Locale.ROOT) + "] " + card.summary());
            out.println("    source: " + card.source().label() + (card.source().url() == null ? "" : " <" + card.source().url() + ">"));
            out.println();
            card.detail().lines().forEach(line -> out.println("    " + line));
            if (card.suggestions() != null && !card.suggestions().isEmpty()) {
                out.println();
                out.println("    Suggestions (offers; nothing happens unless the clinician accepts):");
                card.suggestions().forEach(s -> out.println("      [ " + s.label() + " ]"
                        + (s.actions() == null || s.actions().isEmpty() ? "" : "  → " + s.actions().get(0).type() + " "
                        + resourceType(s.actions().get(0).resource()))));
            }
            if (card.links() != null) {
                card.links().forEach(l -> out.println("    link: " + l.label() + " <" + l.url() + ">"));
            }
            out.println("    from rule(s) " + String.join(", ", composed.ruleIds()) + " · template(s) " + String.join(", ", composed.templateIds()));
        }
        out.println();
        out.println("Rules fired:");
        if (run.firings().isEmpty()) {
            out.println("  none");
        }
        for (RuleEngine.Firing firing : run.firings()) {
            Finding finding = run.result().findings().stream().filter(f -> f.ruleId().equals(firing.ruleId())).findFirst().orElse(null);
            out.println("  " + firing.ruleId() + (finding == null ? "" : "  → " + finding.severity() + ", template " + finding.templateId()));
            firing.facts().forEach(fact -> out.println("      on " + fact(fact)));
        }
        out.println();
        out.println("Facts the rules saw:");
        run.facts().forEach(fact -> out.println("  " + fact(fact)));
        if (!run.problems().isEmpty()) {
            out.println();
            out.println("Template problems:");
            run.problems().forEach(p -> out.println("  " + p));
        }
    }

    /** Records print themselves readably; thresholds are long, so only their topic and count. */
    static String fact(Object fact) {
        if (fact instanceof Thresholds t) {
            return "Thresholds[topic=" + t.topic() + ", " + t.values().size() + " values from rules/" + t.topic() + "/thresholds.yaml]";
        }
        return String.valueOf(fact);
    }

    private static String resourceType(Object resource) {
        return resource instanceof Map<?, ?> map && map.get("resourceType") != null ? String.valueOf(map.get("resourceType")) : "";
    }
}

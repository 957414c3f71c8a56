package health.flipside.cards;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One card template from {@code cds-cards/}, as authors write it (YAML; texts are Mustache templates).
 *
 * @param headline      a few words naming the finding, used when info findings merge into one summary card
 * @param summary       one sentence, rendered < 140 characters (CDS Hooks "Card Attributes")
 * @param detail        GitHub-flavoured markdown with the numbers
 * @param talkingPoints 3–5 points for shared decision making, with absolute numbers beside relative ones
 * @param source        the guideline behind the card
 * @param suggestions   offers the clinician may accept; optional
 * @param overrideReasons reasons offered on dismiss; the defaults file supplies them when absent
 */
public record CardTemplate(String id, String headline, String summary, String detail, List<String> talkingPoints,
                           SourceRef source, List<SuggestionTemplate> suggestions, List<ReasonRef> overrideReasons,
                           Path file) {

    public record SourceRef(String label, String url) {
    }

    /** @param resource a FHIR resource (as JSON) the suggestion would create, e.g. a draft ServiceRequest */
    public record SuggestionTemplate(String label, String actionDescription, Map<String, Object> resource) {
    }

    public record ReasonRef(String code, String display) {
    }

    public CardTemplate {
        talkingPoints = talkingPoints == null ? List.of() : List.copyOf(talkingPoints);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
    }

    public CardTemplate withFile(Path path) {
        return new CardTemplate(id, headline, summary, detail, talkingPoints, source, suggestions, overrideReasons, path);
    }
}

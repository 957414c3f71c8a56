package health.flipside.cards;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CDS Hooks 2.0 card ("Card Attributes"). Empty optional attributes are omitted, never sent as null or [].
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(String uuid, String summary, String detail, String indicator, Source source,
                   List<Suggestion> suggestions, String selectionBehavior, List<Coding> overrideReasons,
                   List<Link> links) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Source(String label, String url, Coding topic) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Coding(String system, String code, String display) {
    }

    /** An offer the clinician may accept; Flipside never applies anything itself. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Action(String type, String description, Object resource) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String label, String url, String type) {
    }
}

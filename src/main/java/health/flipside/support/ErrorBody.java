package health.flipside.support;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every error Flipside returns: a stable code, the offending field where there is one, and a
 * message a developer can act on. Never contains request content, tokens or patient identifiers.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, String field, String message, List<String> missingPrefetch) {
    public static ErrorBody of(String error, String field, String message) {
        return new ErrorBody(error, field, message, List.of());
    }
}

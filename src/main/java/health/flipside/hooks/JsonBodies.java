package health.flipside.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a request body that must be one JSON object: the hook call and the feedback call alike. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * @param mapper   the caller's mapper (its own strictness: trailing tokens, duplicate keys)
     * @param expected what the body should be, for the message, e.g. "a CDS Hooks request"
     * @throws InvalidRequestException naming "$" when the body is empty, not JSON (with line and column), or not an object
     */
    public static JsonNode object(ObjectMapper mapper, String body, String expected) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("$", "Request body is empty; expected " + expected + " (JSON object)");
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidRequestException("$", "Request body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidRequestException("$", "Request body is not valid JSON" + where);
        }
    }
}

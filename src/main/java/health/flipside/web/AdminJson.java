package health.flipside.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON for the admin endpoints. Unlike CDS Hooks answers (which omit empty attributes), these keep empty lists and
 * nulls: "problems": [] is the answer an author is looking for.
 */
final class AdminJson {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private AdminJson() {
    }

    static Response ok(Object body) {
        return status(200, body);
    }

    static Response status(int status, Object body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                    .header("Cache-Control", "no-store").entity(MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write admin JSON: " + e.getOriginalMessage(), e);
        }
    }
}

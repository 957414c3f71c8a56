package health.flipside.support;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one ObjectMapper of the HTTP edge. CDS Hooks forbids null and empty values for optional attributes
 * ("Use of JSON"), so they are left out of every response.
 */
@Provider
public class JsonMapper implements ContextResolver<ObjectMapper> {
    public static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }
}

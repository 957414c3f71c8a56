package health.flipside.hooks;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import health.flipside.fhir.InvalidPrefetchException;
import health.flipside.fhir.PrefetchUnavailableException;

/** Every failure becomes a JSON {@link ErrorBody}; the EHR gets a status it can act on and never a stack trace. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return json(Response.Status.BAD_REQUEST, ErrorBody.of("invalid-request", e.field(), e.getMessage()));
        }
    }

    @Provider
    public static class InvalidPrefetch implements ExceptionMapper<InvalidPrefetchException> {
        @Override
        public Response toResponse(InvalidPrefetchException e) {
            return json(Response.Status.BAD_REQUEST, ErrorBody.of("invalid-request", "prefetch." + e.key(), e.getMessage()));
        }
    }

    /** CDS Hooks 2.0: 412 when required data can be had neither from prefetch nor from the FHIR server. */
    @Provider
    public static class PrefetchUnavailable implements ExceptionMapper<PrefetchUnavailableException> {
        @Override
        public Response toResponse(PrefetchUnavailableException e) {
            return json(Response.Status.PRECONDITION_FAILED, new ErrorBody("precondition-failed", null,
                    "Required data was not prefetched and no fhirServer was given to fetch it", e.keys()));
        }
    }

    /** 404, 405, 415 … from JAX-RS itself, with the same JSON shape. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            String code = status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
            return Response.status(status.getStatusCode()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(code, null, e.getMessage())).build();
        }
    }

    /** Anything unexpected: 500 without detail to the caller; the log gets the type, never request data. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected error: " + e.getClass().getName(), e);
            return json(Response.Status.INTERNAL_SERVER_ERROR, ErrorBody.of("internal-error", null, "Flipside could not process this request"));
        }
    }
}

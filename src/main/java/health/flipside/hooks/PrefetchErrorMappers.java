package health.flipside.hooks;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import health.flipside.fhir.InvalidPrefetchException;
import health.flipside.fhir.PrefetchUnavailableException;
import health.flipside.support.ErrorBody;
import health.flipside.support.ErrorMappers;

/** The hook call's own failures, in the JSON of every other error ({@link ErrorMappers}): prefetch it cannot use. */
public final class PrefetchErrorMappers {
    private PrefetchErrorMappers() {
    }

    @Provider
    public static class InvalidPrefetch implements ExceptionMapper<InvalidPrefetchException> {
        @Override
        public Response toResponse(InvalidPrefetchException e) {
            return ErrorMappers.json(Response.Status.BAD_REQUEST, ErrorBody.of("invalid-request", "prefetch." + e.key(), e.getMessage()));
        }
    }

    /** CDS Hooks 2.0: 412 when required data can be had neither from prefetch nor from the FHIR server. */
    @Provider
    public static class PrefetchUnavailable implements ExceptionMapper<PrefetchUnavailableException> {
        @Override
        public Response toResponse(PrefetchUnavailableException e) {
            return ErrorMappers.json(Response.Status.PRECONDITION_FAILED, new ErrorBody("precondition-failed", null,
                    "Required data was not prefetched and no fhirServer was given to fetch it", e.keys()));
        }
    }
}

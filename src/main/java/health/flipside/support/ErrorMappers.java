package health.flipside.support;

import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;


/** Every failure becomes a JSON {@link ErrorBody}; the EHR gets a status it can act on and never a stack trace. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    public static Response json(Response.Status status, ErrorBody body) {
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
    public static class PayloadTooLarge implements ExceptionMapper<PayloadTooLargeException> {
        @Override
        public Response toResponse(PayloadTooLargeException e) {
            return json(Response.Status.REQUEST_ENTITY_TOO_LARGE, ErrorBody.of("payload-too-large", "$", e.getMessage()));
        }
    }

    /**
     * 404, 405, 415 … from JAX-RS itself, with the same JSON shape. The framework's own messages name it and echo
     * the request URL (with the Host header the caller chose), so they are replaced by the status's own words; only
     * Flipside's {@link NotHostedException} message, which it writes itself, goes out. Allow stays on a 405.
     */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            String code = status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
            String message = e instanceof NotHostedException ? e.getMessage() : genericMessage(status.getStatusCode());
            Response.ResponseBuilder response = Response.status(status.getStatusCode()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(code, null, message));
            String allow = e.getResponse().getHeaderString("Allow");
            if (allow != null) {
                response.header("Allow", allow);
            }
            return response.build();
        }

        private static String genericMessage(int status) {
            return switch (status) {
                case 404 -> "Nothing is served at this path";
                case 405 -> "This method is not allowed on this path (see the Allow header)";
                case 406 -> "Flipside answers application/json only";
                case 415 -> "Send the body as application/json";
                default -> status < 500 ? "The request was refused" : "Flipside could not process this request";
            };
        }
    }

    /**
     * Anything unexpected: 500 without detail to the caller. The log gets the exception's types and frames, never
     * its messages (a parser's message can quote the body) nor request data.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.severe("Unexpected error: " + SafeLog.throwable(e));
            return json(Response.Status.INTERNAL_SERVER_ERROR, ErrorBody.of("internal-error", null, "Flipside could not process this request"));
        }
    }
}

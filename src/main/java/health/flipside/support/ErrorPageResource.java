package health.flipside.support;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * The error page of what the web container answers itself (server.xml {@code default-error-page}): a URI it refuses,
 * such as an encoded slash, a 401 from the admin filter. Liberty's own page showed a Java stack frame and named the
 * server (issue 10, point 7); this one is the JSON every other Flipside error has, in the status's own words. The
 * error dispatch keeps the caller's method, so every method answers.
 */
@Path(ErrorPageResource.PATH)
public class ErrorPageResource {
    public static final String PATH = "flipside-error";

    @Context
    HttpServletRequest request;

    @GET
    public Response get() {
        return answer();
    }

    @POST
    public Response post() {
        return answer();
    }

    @PUT
    public Response put() {
        return answer();
    }

    @DELETE
    public Response delete() {
        return answer();
    }

    @PATCH
    public Response patch() {
        return answer();
    }

    @HEAD
    public Response head() {
        return answer();
    }

    @OPTIONS
    public Response options() {
        return answer();
    }

    private Response answer() {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value
                : request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null ? 500 : 404;
        return ErrorMappers.json(Response.Status.fromStatusCode(status) == null ? Response.Status.BAD_REQUEST
                : Response.Status.fromStatusCode(status), ErrorBody.of(code(status), null, message(status)));
    }

    static String code(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "bad-request" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "The request was refused: its URL or headers are malformed (an encoded slash or a control character, for example)";
            case 401 -> "Authentication is required";
            case 404 -> "Nothing is served at this path";
            default -> status < 500 ? "The request was refused" : "Flipside could not process this request";
        };
    }
}

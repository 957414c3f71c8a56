package health.flipside.feedback;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import health.flipside.support.ErrorBody;

/** 503 with the usual JSON error body and a Retry-After, when feedback cannot be stored now. */
@Provider
public class FeedbackUnavailableMapper implements ExceptionMapper<FeedbackUnavailableException> {
    static final int RETRY_AFTER_SECONDS = 30;

    @Override
    public Response toResponse(FeedbackUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(ErrorBody.of("feedback-unavailable", null,
                        "Feedback storage is unavailable, so nothing in this request was stored; the CDS service itself "
                                + "is answering. Send the feedback again later."))
                .build();
    }
}

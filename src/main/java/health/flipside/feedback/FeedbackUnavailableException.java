package health.flipside.feedback;

/**
 * Feedback storage cannot be used now (database unreachable at start, or failing): the feedback endpoint answers
 * 503 and nothing is stored; the hook service is not affected.
 */
public class FeedbackUnavailableException extends RuntimeException {
    public FeedbackUnavailableException(String message) {
        super(message);
    }
}

package health.flipside.web;

/**
 * Why the trend view cannot be shown, in words for the clinician; the page prints the message as it is. Never carries
 * the token or patient data.
 *
 * @param status HTTP status of the answer
 * @param error  a stable code the page may use
 */
public class TrendProblem extends RuntimeException {
    private final int status;
    private final String error;

    public TrendProblem(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}

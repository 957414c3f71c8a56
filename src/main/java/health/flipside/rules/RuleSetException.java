package health.flipside.rules;

/** A rule set that cannot be used; the message names the file (and line, where the compiler gives one). */
public class RuleSetException extends RuntimeException {
    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }
}

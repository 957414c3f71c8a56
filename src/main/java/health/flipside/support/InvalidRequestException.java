package health.flipside.support;

/** A request Flipside refuses before doing anything; {@code field} is the JSON path of the problem. */
public class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

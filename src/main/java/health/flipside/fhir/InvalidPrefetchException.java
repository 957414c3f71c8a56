package health.flipside.fhir;

/** A prefetch value that is not a FHIR resource; the message names the key, never the content. */
public class InvalidPrefetchException extends RuntimeException {
    private final String key;

    public InvalidPrefetchException(String key, String problem) {
        super(problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

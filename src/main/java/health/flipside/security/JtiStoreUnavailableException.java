package health.flipside.security;

/**
 * The replay store could not say whether a jti was seen (database unreachable, slow or failing). The token is then
 * refused with 503 and Retry-After: accepting it unchecked would let a captured token be replayed against a replica
 * whose database is down.
 */
public class JtiStoreUnavailableException extends Exception {
    public JtiStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

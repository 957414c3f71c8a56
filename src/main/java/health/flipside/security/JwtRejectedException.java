package health.flipside.security;

/** A JWT that does not earn trust; carries the reason for metrics and logs, never the token. */
public class JwtRejectedException extends Exception {
    private final RejectReason reason;

    public JwtRejectedException(RejectReason reason) {
        super(reason.tag());
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}

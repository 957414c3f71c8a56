package health.flipside.support;

/** A request larger than a {@link RequestLimits} size limit: 413, naming the limit and the variable that sets it. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String message) {
        super(message);
    }

    static PayloadTooLargeException body(long size, long limit) {
        return new PayloadTooLargeException("Request body is larger than " + limit + " bytes"
                + (size > limit ? " (" + size + " or more)" : "") + "; the limit is flipside.limits.body.bytes");
    }

    static PayloadTooLargeException decompressed(long limit) {
        return new PayloadTooLargeException("Request body is larger than " + limit
                + " bytes once decompressed; the limit is flipside.limits.decompressed.bytes");
    }
}

package health.flipside.security;

import java.util.Locale;

/**
 * Why an EHR's JWT was refused: counted in a metric and logged, never told to the caller (401, no detail) — except
 * {@link #REPLAY_CHECK_UNAVAILABLE}, a 503 the EHR may retry.
 */
public enum RejectReason {
    MISSING_TOKEN, MALFORMED, ALGORITHM_NOT_ALLOWED, WRONG_TYPE, MISSING_KID, UNKNOWN_ISSUER, JKU_NOT_ALLOWED,
    NO_MATCHING_KEY, BAD_SIGNATURE, KEYS_UNAVAILABLE, MISSING_CLAIM, WRONG_AUDIENCE, EXPIRED, NOT_YET_VALID,
    ISSUED_IN_FUTURE, LIFETIME_TOO_LONG, WRONG_TENANT, REPLAYED, NOT_LOOPBACK,
    /** An unexpected fault while verifying: still a bare 401, never a 500 with detail. */
    VERIFICATION_ERROR,
    /** A valid token whose jti the shared replay store could not check now: 503 with Retry-After (fail closed). */
    REPLAY_CHECK_UNAVAILABLE;

    /** For metric tags and logs: "unknown-issuer". */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

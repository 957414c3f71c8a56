package health.flipside.security;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers the {@code jti} of every accepted token until it expires, so no token is accepted twice (CDS Hooks best
 * practice: "jti has not been seen"). In memory: one Flipside node; a cluster needs a shared store (documented).
 * Only tokens with a valid signature from a trusted issuer reach it, so its size is bounded by real traffic.
 */
public final class JtiReplayCache {
    private static final int PURGE_EVERY = 1024;

    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicInteger sincePurge = new AtomicInteger();

    /** @return true the first time this issuer's jti is presented before it expires; false for a replay */
    public boolean firstUse(String issuer, String jti, Instant expiresAt, Instant now) {
        if (sincePurge.incrementAndGet() >= PURGE_EVERY) {
            sincePurge.set(0);
            seen.values().removeIf(expiry -> expiry.isBefore(now));
        }
        String key = issuer + "\u0000" + jti;
        Instant previous = seen.putIfAbsent(key, expiresAt);
        if (previous != null && previous.isBefore(now)) {
            // An expired entry not yet purged: the token it belonged to is dead anyway, so this is a new use.
            return seen.replace(key, previous, expiresAt);
        }
        return previous == null;
    }
}

package health.flipside.security;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jti store of a single Flipside node, in memory (the default, {@code flipside.security.replay.store=memory}).
 * Replicas behind a balancer need the shared {@link PostgresJtiStore} instead. Only tokens with a valid signature from
 * a trusted issuer reach it, so its size is bounded by real traffic; expired entries are purged every 1024 uses.
 */
public final class MemoryJtiStore implements JtiStore {
    private static final int PURGE_EVERY = 1024;

    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicInteger sincePurge = new AtomicInteger();

    @Override
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

package health.flipside.security;

import java.time.Instant;

/**
 * Where the {@code jti} of every accepted token is remembered until the token expires, so that no token is accepted
 * twice (CDS Hooks best practice: "jti has not been seen"). One node: {@link MemoryJtiStore}. Several replicas behind
 * a balancer: {@link PostgresJtiStore}, shared, or a token refused by one replica would be accepted by the next.
 * Chosen with {@code flipside.security.replay.store} (README "Scaling").
 */
public interface JtiStore {
    /**
     * Claims a token's jti. Called only for tokens that passed every other check, so the store grows with real
     * traffic only.
     *
     * @param expiresAt when the token stops being accepted anyway (exp plus the clock skew): the store may forget it
     *                  then, and a later use of the same jti is a first use again
     * @return true the first time this issuer's jti is presented before it expires; false for a replay
     * @throws JtiStoreUnavailableException when the store cannot say; the caller must refuse the token (fail closed)
     */
    boolean firstUse(String issuer, String jti, Instant expiresAt, Instant now) throws JtiStoreUnavailableException;
}

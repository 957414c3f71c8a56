package health.flipside.security;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One EHR (CDS client) Flipside trusts, as the hospital registers it (docs/registering.md).
 *
 * @param issuer     the exact {@code iss} the EHR puts in its JWTs
 * @param jwksUrl    where its public keys are published (used when a token has no {@code jku}), or null
 * @param jwksFile   a JWK Set exchanged out of band, or null
 * @param allowedJku {@code jku} URLs this client may point to (CDS Hooks 2.0: services SHOULD allow-list them)
 * @param tenant     if set, tokens must carry this {@code tenant} claim
 * @param algorithms accepted JWS algorithms; ES384 and RS384 when not configured; never "none" or HMAC
 */
public record TrustedClient(String name, String issuer, URI jwksUrl, Path jwksFile, List<URI> allowedJku,
                            String tenant, Set<String> algorithms) {
    public TrustedClient {
        allowedJku = allowedJku == null ? List.of() : List.copyOf(allowedJku);
        algorithms = algorithms == null || algorithms.isEmpty() ? Set.of("ES384", "RS384") : Set.copyOf(algorithms);
    }
}

package health.flipside.security;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies the JWT an EHR sends with every call (CDS Hooks 2.0 "Trusting CDS Clients", best-practices "JWT"):
 * issuer on the allow-list, key by {@code kid} from the client's JWK Set (a {@code jku} only if allow-listed; sets
 * cached, refreshed on an unknown kid, rate-limited), asymmetric algorithms only, {@code aud} equal to the exact
 * endpoint URL, {@code exp}/{@code iat}/{@code nbf} with a small skew, a bounded lifetime, the tenant if
 * registered, and a {@code jti} never accepted twice. Signature work is Nimbus JOSE+JWT's; the policy is here.
 */
public final class JwtVerifier {
    private static final List<String> REQUIRED_CLAIMS = List.of("iss", "aud", "exp", "iat", "jti");
    /** Signature checks, kept per key (one of the trusted clients'), shared by every call. */
    private static final SignatureVerifiers SIGNATURES = new SignatureVerifiers();

    /**
     * @param clockSkew            tolerance on exp, iat and nbf
     * @param maxLifetime          longest accepted exp − iat (best practice: an hour at most)
     * @param jwksCacheTtl         how long a fetched JWK Set is used before it is fetched again
     * @param jwksMinRefreshInterval an unknown kid refetches the set at most this often (rate limit)
     * @param jwksTimeout          connect and read timeout of a JWK Set fetch
     */
    public record Settings(Duration clockSkew, Duration maxLifetime, Duration jwksCacheTtl,
                           Duration jwksMinRefreshInterval, Duration jwksTimeout) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(15),
                    Duration.ofSeconds(30), Duration.ofSeconds(2));
        }
    }

    private final TrustedClients clients;
    private final Settings settings;
    private final Clock clock;
    private final JtiStore replays;
    private final Map<URI, JWKSource<SecurityContext>> remoteKeys = new ConcurrentHashMap<>();
    private final Map<String, JWKSource<SecurityContext>> fileKeys = new ConcurrentHashMap<>();

    /** One node: jti remembered in memory. */
    public JwtVerifier(TrustedClients clients, Settings settings, Clock clock) {
        this(clients, settings, clock, new MemoryJtiStore());
    }

    /** @param replays where accepted jti are remembered: shared by every replica of a cluster */
    public JwtVerifier(TrustedClients clients, Settings settings, Clock clock, JtiStore replays) {
        if (settings.jwksMinRefreshInterval().compareTo(settings.jwksCacheTtl()) >= 0) {
            throw new IllegalArgumentException("The JWK Set refresh interval (" + settings.jwksMinRefreshInterval()
                    + ") must be shorter than the cache time (" + settings.jwksCacheTtl() + ")");
        }
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
        this.replays = replays;
    }

    /**
     * @param authorization    the Authorization header value, may be null
     * @param expectedAudience the exact URL of the endpoint being called
     */
    public VerifiedCaller verify(String authorization, String expectedAudience) throws JwtRejectedException {
        return verify(authorization, List.of(expectedAudience));
    }

    /**
     * @param authorization     the Authorization header value, may be null
     * @param expectedAudiences the URLs of the endpoint being called, one per public name of the service: the
     *                          token's aud must contain one of them
     */
    public VerifiedCaller verify(String authorization, List<String> expectedAudiences) throws JwtRejectedException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new JwtRejectedException(RejectReason.MISSING_TOKEN);
        }
        SignedJWT jwt = parse(authorization.substring(7).trim());
        JWSHeader header = jwt.getHeader();
        JWTClaimsSet claims = claims(jwt);
        TrustedClient client = clients.byIssuer(claims.getIssuer())
                .orElseThrow(() -> new JwtRejectedException(RejectReason.UNKNOWN_ISSUER));
        if (!client.algorithms().contains(header.getAlgorithm().getName())) {
            throw new JwtRejectedException(RejectReason.ALGORITHM_NOT_ALLOWED);
        }
        // CDS Hooks makes typ REQUIRED ("JWT"); a token without it is accepted because some EHRs omit it and its
        // absence enables no substitution attack here (signature, iss, aud and alg are all checked). A wrong typ is refused.
        if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
            throw new JwtRejectedException(RejectReason.WRONG_TYPE);
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new JwtRejectedException(RejectReason.MISSING_KID);
        }
        verifySignature(jwt, client, keysFor(client, header));
        checkClaims(claims, client, expectedAudiences);
        return new VerifiedCaller(claims.getIssuer(), tenant(claims), claims.getJWTID());
    }

    private static SignedJWT parse(String token) throws JwtRejectedException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (jwt.getHeader().getAlgorithm() == null) {
                throw new JwtRejectedException(RejectReason.ALGORITHM_NOT_ALLOWED);
            }
            return jwt;
        } catch (ParseException e) {
            // Includes alg "none": an unsecured JWT is not a signed JWT.
            throw new JwtRejectedException(token.chars().filter(c -> c == '.').count() == 2 && isUnsecured(token)
                    ? RejectReason.ALGORITHM_NOT_ALLOWED : RejectReason.MALFORMED);
        }
    }

    private static boolean isUnsecured(String token) {
        try {
            return com.nimbusds.jose.Header.parse(com.nimbusds.jose.util.Base64URL.from(token.substring(0, token.indexOf('.'))))
                    .getAlgorithm() == com.nimbusds.jose.Algorithm.NONE;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws JwtRejectedException {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            for (String claim : REQUIRED_CLAIMS) {
                if (claims.getClaim(claim) == null) {
                    throw new JwtRejectedException(RejectReason.MISSING_CLAIM);
                }
            }
            return claims;
        } catch (ParseException e) {
            throw new JwtRejectedException(RejectReason.MALFORMED);
        }
    }

    private JWKSource<SecurityContext> keysFor(TrustedClient client, JWSHeader header) throws JwtRejectedException {
        if (header.getJWKURL() != null) {
            URI jku = header.getJWKURL();
            if (!client.allowedJku().contains(jku)) {
                throw new JwtRejectedException(RejectReason.JKU_NOT_ALLOWED);
            }
            return remote(jku);
        }
        if (client.jwksUrl() != null) {
            return remote(client.jwksUrl());
        }
        if (client.jwksFile() != null) {
            JWKSource<SecurityContext> keys = fileKeys.computeIfAbsent(client.issuer(), issuer -> {
                try {
                    return new ImmutableJWKSet<>(JWKSet.load(client.jwksFile().toFile()));
                } catch (IOException | ParseException e) {
                    return null; // not cached: a fixed file is picked up on the next call
                }
            });
            if (keys == null) {
                throw new JwtRejectedException(RejectReason.KEYS_UNAVAILABLE);
            }
            return keys;
        }
        throw new JwtRejectedException(RejectReason.JKU_NOT_ALLOWED);
    }

    private JWKSource<SecurityContext> remote(URI url) {
        return remoteKeys.computeIfAbsent(url, u -> {
            int timeout = (int) settings.jwksTimeout().toMillis();
            try {
                return JWKSourceBuilder.<SecurityContext>create(u.toURL(), new DefaultResourceRetriever(timeout, timeout, 256 * 1024))
                        .cache(settings.jwksCacheTtl().toMillis(), timeout)
                        .rateLimited(settings.jwksMinRefreshInterval().toMillis())
                        .refreshAheadCache(false)
                        .retrying(false)
                        .outageTolerant(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Not a URL: " + u, e);
            }
        });
    }

    private static void verifySignature(SignedJWT jwt, TrustedClient client, JWKSource<SecurityContext> keys)
            throws JwtRejectedException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSVerifierFactory(SIGNATURES);
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        Set<JWSAlgorithm> algorithms = client.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        processor.setJWTClaimsSetVerifier(null); // claims are checked below, each failure with its own reason
        try {
            processor.process(jwt, null);
        } catch (BadJWSException e) {
            throw new JwtRejectedException(e.getMessage() != null && e.getMessage().contains("Invalid signature")
                    ? RejectReason.BAD_SIGNATURE : RejectReason.NO_MATCHING_KEY);
        } catch (BadJOSEException e) {
            throw new JwtRejectedException(RejectReason.NO_MATCHING_KEY);
        } catch (RateLimitReachedException e) {
            // The set was refetched moments ago and still lacks this kid: it is unknown, not an outage.
            throw new JwtRejectedException(RejectReason.NO_MATCHING_KEY);
        } catch (KeySourceException e) {
            throw new JwtRejectedException(RejectReason.KEYS_UNAVAILABLE);
        } catch (JOSEException e) {
            throw new JwtRejectedException(RejectReason.BAD_SIGNATURE);
        }
    }

    private void checkClaims(JWTClaimsSet claims, TrustedClient client, List<String> expectedAudiences) throws JwtRejectedException {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        if (claims.getAudience() == null || expectedAudiences.stream().noneMatch(claims.getAudience()::contains)) {
            throw new JwtRejectedException(RejectReason.WRONG_AUDIENCE);
        }
        Instant expires = claims.getExpirationTime().toInstant();
        Instant issued = claims.getIssueTime().toInstant();
        if (expires.plus(skew).isBefore(now)) {
            throw new JwtRejectedException(RejectReason.EXPIRED);
        }
        if (issued.minus(skew).isAfter(now)) {
            throw new JwtRejectedException(RejectReason.ISSUED_IN_FUTURE);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(skew).isAfter(now)) {
            throw new JwtRejectedException(RejectReason.NOT_YET_VALID);
        }
        if (Duration.between(issued, expires).compareTo(settings.maxLifetime()) > 0) {
            throw new JwtRejectedException(RejectReason.LIFETIME_TOO_LONG);
        }
        if (client.tenant() != null && !client.tenant().equals(tenant(claims))) {
            throw new JwtRejectedException(RejectReason.WRONG_TENANT);
        }
        // Last: only a token that passed every other check may claim its jti.
        try {
            if (!replays.firstUse(claims.getIssuer(), claims.getJWTID(), expires.plus(skew), now)) {
                throw new JwtRejectedException(RejectReason.REPLAYED);
            }
        } catch (JtiStoreUnavailableException e) {
            throw new JwtRejectedException(RejectReason.REPLAY_CHECK_UNAVAILABLE);
        }
    }

    private static String tenant(JWTClaimsSet claims) {
        Object tenant = claims.getClaim("tenant");
        return tenant == null ? null : tenant.toString();
    }
}

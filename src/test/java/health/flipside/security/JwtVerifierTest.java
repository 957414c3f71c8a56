package health.flipside.security;

import static health.flipside.security.RejectReason.ALGORITHM_NOT_ALLOWED;
import static health.flipside.security.RejectReason.BAD_SIGNATURE;
import static health.flipside.security.RejectReason.EXPIRED;
import static health.flipside.security.RejectReason.ISSUED_IN_FUTURE;
import static health.flipside.security.RejectReason.JKU_NOT_ALLOWED;
import static health.flipside.security.RejectReason.KEYS_UNAVAILABLE;
import static health.flipside.security.RejectReason.LIFETIME_TOO_LONG;
import static health.flipside.security.RejectReason.MALFORMED;
import static health.flipside.security.RejectReason.MISSING_CLAIM;
import static health.flipside.security.RejectReason.MISSING_KID;
import static health.flipside.security.RejectReason.MISSING_TOKEN;
import static health.flipside.security.RejectReason.NOT_YET_VALID;
import static health.flipside.security.RejectReason.NO_MATCHING_KEY;
import static health.flipside.security.RejectReason.REPLAYED;
import static health.flipside.security.RejectReason.UNKNOWN_ISSUER;
import static health.flipside.security.RejectReason.WRONG_AUDIENCE;
import static health.flipside.security.RejectReason.WRONG_TENANT;
import static health.flipside.security.RejectReason.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import health.flipside.support.DevEhr;

/**
 * The EHR JWT check of CDS Hooks 2.0 ("Trusting CDS Clients", best-practices "JWT"): a catalogue of bad tokens, each
 * refused for its exact reason; valid ES384 and RS384 tokens accepted; JWK Sets fetched over real HTTP (loopback),
 * cached, refetched on an unknown kid so a key rotation is followed without a restart, and an outage refused.
 */
class JwtVerifierTest {
    static final String AUD = "https://flipside.example.org/cds-services/flipside-home-bp";
    static final String OTHER_AUD = "https://flipside.example.org/cds-services/another-service";
    static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    static final Path DEV_KEYS = Path.of(System.getProperty("dev.keys.dir", "dev/keys"));
    static final String DEV_ES = "flipside-dev-es384";
    static final String DEV_RS = "flipside-dev-rs384";

    /** The bundled development EHR: keys exchanged out of band (jwksFile), ES384 and RS384. */
    static final String DEV = DevEhr.ISSUER;
    /** Same keys, registered with a required tenant and ES384 only. */
    static final String HOSPITAL = "https://ehr.general-hospital.example/api/FHIR/R4";
    static final String HOSPITAL_TENANT = "general-hospital";
    /** Keys at a JWK Set URL (jwksUrl) on loopback. */
    static final String REMOTE = "https://ehr.remote.example/fhir";
    /** Keys only through an allow-listed jku (as the CDS Hooks sandbox does). */
    static final String SANDBOX = "https://sandbox.cds-hooks.example";
    /** JWK Set URL answers 500. */
    static final String DOWN = "https://ehr.down.example";
    /** Nothing listens at the JWK Set URL. */
    static final String GONE = "https://ehr.gone.example";
    /** JWK Set URL answers 200 with something that is no JWK Set. */
    static final String GARBLED = "https://ehr.garbled.example";

    static final JwtVerifier.Settings SETTINGS = new JwtVerifier.Settings(Duration.ofSeconds(60), Duration.ofHours(1),
            Duration.ofMinutes(15), Duration.ZERO, Duration.ofSeconds(2));

    static JWKSet devPublic;
    static ECPrivateKey devEcPrivate;
    static RSAPrivateKey devRsaPrivate;
    static ECKey remote1;
    static ECKey remote2;
    static ECKey sandboxKey;
    static ECKey attackerKey;
    static ECKey impostorEc;
    static RSAKey impostorRsa;
    static ECKey p256;

    JwksServer remote;
    JwksServer sandbox;
    JwksServer attacker;
    JwksServer down;
    JwksServer garbled;
    URI dead;
    MutableClock clock;
    JwtVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        devPublic = JWKSet.load(DEV_KEYS.resolve("ehr-dev.jwks.json").toFile());
        devEcPrivate = (ECPrivateKey) privateKey("ehr-dev-es384.pem", "EC");
        devRsaPrivate = (RSAPrivateKey) privateKey("ehr-dev-rs384.pem", "RSA");
        remote1 = ec(Curve.P_384, "remote-1");
        remote2 = ec(Curve.P_384, "remote-2");
        sandboxKey = ec(Curve.P_384, "sandbox-1");
        attackerKey = ec(Curve.P_384, "sandbox-1"); // the attacker reuses the sandbox's kid at its own jku
        impostorEc = ec(Curve.P_384, DEV_ES);
        impostorRsa = new RSAKeyGenerator(2048).keyID(DEV_RS).keyUse(KeyUse.SIGNATURE).generate();
        p256 = ec(Curve.P_256, "p256");
    }

    @BeforeEach
    void start() throws Exception {
        remote = new JwksServer(new JWKSet(remote1));
        sandbox = new JwksServer(new JWKSet(sandboxKey));
        attacker = new JwksServer(new JWKSet(attackerKey));
        down = new JwksServer(new JWKSet(remote1));
        down.fail(500);
        garbled = new JwksServer(new JWKSet(remote1));
        garbled.serveGarbage();
        dead = JwksServer.deadUrl();
        clock = new MutableClock(NOW);
        verifier = newVerifier(SETTINGS);
    }

    @AfterEach
    void stop() {
        Stream.of(remote, sandbox, attacker, down, garbled).forEach(JwksServer::close);
    }

    JwtVerifier newVerifier(JwtVerifier.Settings settings) {
        Path devJwks = DEV_KEYS.resolve("ehr-dev.jwks.json");
        return new JwtVerifier(new TrustedClients(List.of(
                new TrustedClient("dev EHR", DEV, null, devJwks, List.of(), null, null),
                new TrustedClient("General Hospital", HOSPITAL, null, devJwks, List.of(), HOSPITAL_TENANT, Set.of("ES384")),
                new TrustedClient("remote EHR", REMOTE, remote.url(), null, List.of(), null, null),
                new TrustedClient("sandbox", SANDBOX, null, null, List.of(sandbox.url()), null, null),
                new TrustedClient("down EHR", DOWN, down.url(), null, List.of(), null, null),
                new TrustedClient("gone EHR", GONE, dead, null, List.of(), null, null),
                new TrustedClient("garbled EHR", GARBLED, garbled.url(), null, List.of(), null, null))),
                settings, clock);
    }

    // ---------------------------------------------------------------- the catalogue of bad tokens

    /** How a catalogue case builds its Authorization header; may use the running servers and verifier. */
    @FunctionalInterface
    interface Authorization {
        String header(JwtVerifierTest test) throws Exception;
    }

    record BadToken(String name, RejectReason reason, Authorization authorization) {
        @Override
        public String toString() {
            return name + " → " + reason;
        }
    }

    static BadToken bad(String name, RejectReason reason, Authorization authorization) {
        return new BadToken(name, reason, authorization);
    }

    static Stream<BadToken> badTokens() {
        return Stream.of(
                // Not a bearer JWT at all
                bad("no Authorization header", MISSING_TOKEN, t -> null),
                bad("Basic credentials instead of Bearer", MISSING_TOKEN,
                        t -> "Basic " + Base64.getEncoder().encodeToString("ehr:secret".getBytes(StandardCharsets.UTF_8))),
                bad("a valid JWT without the Bearer scheme", MISSING_TOKEN, t -> es384(dev(c -> c))),
                bad("Bearer with nothing after it", MALFORMED, t -> "Bearer "),
                bad("garbage instead of a JWT", MALFORMED, t -> "Bearer not-a-jwt"),
                bad("three parts that are not base64url JSON", MALFORMED, t -> "Bearer ###.$$$.%%%"),
                bad("payload is not a JSON claims set", MALFORMED, t -> {
                    String[] parts = es384(dev(c -> c)).split("\\.");
                    return "Bearer " + parts[0] + "." + Base64URL.encode("[\"iss\",\"aud\"]") + "." + parts[2];
                }),
                bad("ES384 header, signature stripped", MALFORMED, t -> {
                    String[] parts = es384(dev(c -> c)).split("\\.");
                    return "Bearer " + parts[0] + "." + parts[1] + ".";
                }),
                bad("exp is not a number", MALFORMED, t -> bearer(es384(dev(c -> c.claim("exp", "tomorrow"))))),
                bad("an encrypted JWT (JWE) instead of a signed one", MALFORMED, t -> {
                    EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), dev(c -> c));
                    jwe.encrypt(new RSAEncrypter(((RSAKey) devPublic.getKeyByKeyId(DEV_RS)).toRSAPublicKey()));
                    return bearer(jwe.serialize());
                }),

                // Algorithms: never none, never HMAC, only what the client is registered for
                bad("alg none (unsecured JWT)", ALGORITHM_NOT_ALLOWED, t -> bearer(new PlainJWT(dev(c -> c)).serialize())),
                bad("alg none, the real signature kept", ALGORITHM_NOT_ALLOWED, t -> {
                    String[] parts = es384(dev(c -> c)).split("\\.");
                    return "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + DEV_ES + "\"}") + "." + parts[1] + "." + parts[2];
                }),
                bad("alg \"None\" (case variant of none)", ALGORITHM_NOT_ALLOWED, t -> {
                    String[] parts = es384(dev(c -> c)).split("\\.");
                    return "Bearer " + b64("{\"alg\":\"None\",\"typ\":\"JWT\",\"kid\":\"" + DEV_ES + "\"}") + "." + parts[1] + "." + parts[2];
                }),
                bad("HS256 signed with the EHR's public RSA key as the HMAC secret", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.HS256, DEV_RS, new MACSigner(devPublicKeyBytes(DEV_RS)), dev(c -> c)))),
                bad("HS384 signed with the EHR's public EC key as the HMAC secret", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.HS384, DEV_ES, new MACSigner(devPublicKeyBytes(DEV_ES)), dev(c -> c)))),
                bad("HS384 keyed with the EHR's public RSA key as PEM text", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.HS384, DEV_RS, new MACSigner(pem(devPublicKeyBytes(DEV_RS))), dev(c -> c)))),
                bad("HS384 keyed with the EHR's public RSA key as base64 DER", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.HS384, DEV_RS, new MACSigner(Base64.getEncoder()
                                .encode(devPublicKeyBytes(DEV_RS))), dev(c -> c)))),
                bad("HS384 keyed with the EHR's public RSA key as its JWK JSON", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.HS384, DEV_RS, new MACSigner(devPublic.getKeyByKeyId(DEV_RS)
                                .toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)), dev(c -> c)))),
                bad("HS384 keyed with the EHR's RSA modulus bytes", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.HS384, DEV_RS, new MACSigner(((RSAKey) devPublic.getKeyByKeyId(DEV_RS))
                                .getModulus().decode()), dev(c -> c)))),
                bad("ECDSA signature r = s = 0 (CVE-2022-21449)", BAD_SIGNATURE, t -> {
                    String[] parts = es384(dev(c -> c)).split("\\.");
                    return "Bearer " + parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[96]);
                }),
                bad("HS384 with some shared secret", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.HS384, DEV_ES, new MACSigner(new byte[48]), dev(c -> c)))),
                bad("RS256 with the registered RSA key (not a configured algorithm)", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.RS256, DEV_RS, new RSASSASigner(devRsaPrivate), dev(c -> c)))),
                bad("PS384 with the registered RSA key (not a configured algorithm)", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.PS384, DEV_RS, new RSASSASigner(devRsaPrivate), dev(c -> c)))),
                bad("ES256 with a P-256 key", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(signed(JWSAlgorithm.ES256, "p256", new ECDSASigner(p256), dev(c -> c)))),
                bad("RS384 for a client registered for ES384 only", ALGORITHM_NOT_ALLOWED,
                        t -> bearer(DevEhr.rs384(hospital(c -> c)))),

                // Header
                bad("typ at+jwt", WRONG_TYPE, t -> bearer(es384(dev(c -> c), h -> h.type(new JOSEObjectType("at+jwt"))))),
                bad("typ JOSE", WRONG_TYPE, t -> bearer(es384(dev(c -> c), h -> h.type(JOSEObjectType.JOSE)))),
                bad("no kid", MISSING_KID, t -> bearer(es384(dev(c -> c), h -> h.keyID(null)))),
                bad("blank kid", MISSING_KID, t -> bearer(es384(dev(c -> c), h -> h.keyID(" ")))),

                // Who signed it
                bad("unknown issuer", UNKNOWN_ISSUER, t -> bearer(es384(claims("https://ehr.evil.example").build()))),
                bad("issuer differing by a trailing slash", UNKNOWN_ISSUER, t -> bearer(es384(claims(DEV + "/").build()))),
                bad("jku off the allow-list (client with out-of-band keys)", JKU_NOT_ALLOWED,
                        t -> bearer(es384(dev(c -> c), h -> h.jwkURL(URI.create("https://ehr.evil.example/jwks.json"))))),
                bad("jku to an attacker's JWK Set with its own key under the client's kid", JKU_NOT_ALLOWED,
                        t -> bearer(signedBy(attackerKey, claims(SANDBOX).build(), h -> h.jwkURL(t.attacker.url())))),
                bad("unknown kid (out-of-band JWK Set)", NO_MATCHING_KEY,
                        t -> bearer(es384(dev(c -> c), h -> h.keyID("no-such-key")))),
                bad("unknown kid (JWK Set URL, still unknown after a refetch)", NO_MATCHING_KEY,
                        t -> bearer(signedBy(ec(Curve.P_384, "remote-9"), claims(REMOTE).build(), h -> h))),
                bad("ES384 token naming the RSA key's kid", NO_MATCHING_KEY,
                        t -> bearer(es384(dev(c -> c), h -> h.keyID(DEV_RS)))),
                bad("signed with another client's key and kid", NO_MATCHING_KEY,
                        t -> bearer(signedBy(remote1, dev(c -> c), h -> h))),
                bad("a different EC key under the registered kid", BAD_SIGNATURE,
                        t -> bearer(signedBy(impostorEc, dev(c -> c), h -> h))),
                bad("a different RSA key under the registered kid", BAD_SIGNATURE,
                        t -> bearer(signed(JWSAlgorithm.RS384, DEV_RS, new RSASSASigner(impostorRsa), dev(c -> c)))),
                bad("attacker's key embedded in the header (jwk) under the registered kid", BAD_SIGNATURE,
                        t -> bearer(signedBy(impostorEc, dev(c -> c), h -> h.jwk(impostorEc.toPublicJWK())))),
                bad("kid injection (a path instead of a key id)", NO_MATCHING_KEY,
                        t -> bearer(es384(dev(c -> c), h -> h.keyID("../../../../dev/null")))),
                bad("tampered payload: an expired token's exp pushed forward, signature kept", BAD_SIGNATURE,
                        t -> bearer(tamper(es384(dev(c -> c.issueTime(at(-900)).expirationTime(at(-600)))),
                                c -> c.expirationTime(at(300))))),
                bad("tampered payload: aud rewritten to this endpoint, signature kept", BAD_SIGNATURE,
                        t -> bearer(tamper(es384(dev(c -> c.audience(OTHER_AUD))), c -> c.audience(AUD)))),
                bad("signature of another valid token", BAD_SIGNATURE, t -> {
                    String[] parts = es384(dev(c -> c)).split("\\.");
                    return "Bearer " + parts[0] + "." + parts[1] + "." + es384(dev(c -> c)).split("\\.")[2];
                }),

                // Time
                bad("expired", EXPIRED, t -> bearer(es384(dev(c -> c.issueTime(at(-400)).expirationTime(at(-120)))))),
                bad("expired 61 s ago (just beyond the 60 s skew)", EXPIRED,
                        t -> bearer(es384(dev(c -> c.issueTime(at(-300)).expirationTime(at(-61)))))),
                bad("iat in the future", ISSUED_IN_FUTURE,
                        t -> bearer(es384(dev(c -> c.issueTime(at(300)).expirationTime(at(600)))))),
                bad("nbf in the future", NOT_YET_VALID, t -> bearer(es384(dev(c -> c.notBeforeTime(at(300)))))),
                bad("lifetime (exp - iat) longer than an hour", LIFETIME_TOO_LONG,
                        t -> bearer(es384(dev(c -> c.issueTime(at(-10)).expirationTime(at(3600)))))),

                // Audience
                bad("aud is another service", WRONG_AUDIENCE, t -> bearer(es384(dev(c -> c.audience(OTHER_AUD))))),
                bad("aud is only the base URL", WRONG_AUDIENCE,
                        t -> bearer(es384(dev(c -> c.audience("https://flipside.example.org/cds-services"))))),
                bad("aud with a trailing slash", WRONG_AUDIENCE, t -> bearer(es384(dev(c -> c.audience(AUD + "/"))))),
                bad("aud minted for the host the caller names in its Host header", WRONG_AUDIENCE,
                        t -> bearer(es384(dev(c -> c.audience(AUD.replace("flipside.example.org", "attacker.invalid")))))),
                bad("aud with the scheme a caller claims in X-Forwarded-Proto", WRONG_AUDIENCE,
                        t -> bearer(es384(dev(c -> c.audience(AUD.replace("https://", "http://")))))),
                bad("aud with the port a caller claims in X-Forwarded-Port", WRONG_AUDIENCE,
                        t -> bearer(es384(dev(c -> c.audience(AUD.replace("example.org/", "example.org:8443/")))))),
                bad("aud array without the endpoint", WRONG_AUDIENCE,
                        t -> bearer(es384(dev(c -> c.audience(List.of(OTHER_AUD, "https://other.example/cds-services/x")))))),

                // Required claims
                bad("missing jti", MISSING_CLAIM, t -> bearer(es384(dev(c -> c.jwtID(null))))),
                bad("missing exp", MISSING_CLAIM, t -> bearer(es384(dev(c -> c.expirationTime(null))))),
                bad("missing iat", MISSING_CLAIM, t -> bearer(es384(dev(c -> c.issueTime(null))))),
                bad("missing aud", MISSING_CLAIM, t -> bearer(es384(dev(c -> c.audience((String) null))))),
                bad("missing iss", MISSING_CLAIM, t -> bearer(es384(dev(c -> c.issuer(null))))),

                // Tenant
                bad("wrong tenant", WRONG_TENANT, t -> bearer(es384(hospital(c -> c.claim("tenant", "other-hospital"))))),
                bad("missing tenant when the client requires one", WRONG_TENANT,
                        t -> bearer(es384(hospital(c -> c.claim("tenant", null))))),

                // Replay
                bad("replayed jti (second use of an accepted token)", REPLAYED, t -> {
                    String header = bearer(es384(dev(c -> c)));
                    assertThat(t.verifier.verify(header, AUD).issuer()).isEqualTo(DEV);
                    return header;
                }),
                bad("jti reused in a freshly signed token", REPLAYED, t -> {
                    String jti = UUID.randomUUID().toString();
                    t.verifier.verify(bearer(es384(dev(c -> c.jwtID(jti)))), AUD);
                    return bearer(es384(dev(c -> c.jwtID(jti).issueTime(at(-5)))));
                }),

                // The client's keys cannot be had
                bad("keys unavailable: the JWK Set URL answers 500", KEYS_UNAVAILABLE,
                        t -> bearer(signedBy(remote1, claims(DOWN).build(), h -> h))),
                bad("keys unavailable: nothing listens at the JWK Set URL", KEYS_UNAVAILABLE,
                        t -> bearer(signedBy(remote1, claims(GONE).build(), h -> h))),
                bad("keys unavailable: the JWK Set URL serves no JWK Set", KEYS_UNAVAILABLE,
                        t -> bearer(signedBy(remote1, claims(GARBLED).build(), h -> h))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesBadTokenForItsReason(BadToken bad) throws Exception {
        String authorization = bad.authorization().header(this);
        assertThatThrownBy(() -> verifier.verify(authorization, AUD))
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(bad.reason());
                    assertThat(e.getMessage()).as("the exception carries the reason, never the token").isEqualTo(bad.reason().tag());
                });
    }

    @Test
    void catalogueIsLargeAndCoversEveryReasonTheVerifierCanGive() {
        List<BadToken> catalogue = badTokens().toList();
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(15);
        assertThat(catalogue.stream().map(BadToken::name).collect(Collectors.toSet())).hasSameSizeAs(catalogue);
        Set<RejectReason> covered = catalogue.stream().map(BadToken::reason).collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectReason.class)));
        // NOT_LOOPBACK and VERIFICATION_ERROR belong to the filter (security disabled; an unexpected fault), not the verifier;
        // REPLAY_CHECK_UNAVAILABLE is a store's failure, not a token's (aValidTokenTheReplayStoreCannotCheck…).
        assertThat(covered).isEqualTo(EnumSet.complementOf(EnumSet.of(RejectReason.NOT_LOOPBACK,
                RejectReason.VERIFICATION_ERROR, RejectReason.REPLAY_CHECK_UNAVAILABLE)));
    }

    @Test
    void aTokenReplayedInParallelIsAcceptedExactlyOnce() throws Exception {
        String header = bearer(es384(dev(c -> c)));
        int callers = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<RejectReason>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        verifier.verify(header, AUD);
                        return null;
                    } catch (JwtRejectedException e) {
                        return e.reason();
                    }
                }));
            }
            start.countDown();
            List<RejectReason> reasons = new java.util.ArrayList<>();
            for (var outcome : outcomes) {
                reasons.add(outcome.get());
            }
            assertThat(reasons.stream().filter(java.util.Objects::isNull)).hasSize(1);
            assertThat(reasons.stream().filter(java.util.Objects::nonNull)).hasSize(callers - 1).containsOnly(REPLAYED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anyOfSeveralPublicUrlsIsAnAcceptedAudienceAndNoOther() throws Exception {
        List<String> audiences = List.of(AUD, AUD.replace("https://flipside.example.org", "http://localhost:9080"));
        assertThat(verifier.verify(bearer(es384(dev(c -> c.audience(audiences.get(1))))), audiences).issuer()).isEqualTo(DEV);
        assertThatThrownBy(() -> verifier.verify(bearer(es384(dev(c -> c.audience("http://attacker.invalid/cds-services/x")))), audiences))
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(WRONG_AUDIENCE));
    }

    // ---------------------------------------------------------------- accepted

    @Test
    void acceptsEs384AndReturnsTheCaller() throws Exception {
        String jti = UUID.randomUUID().toString();
        VerifiedCaller caller = verifier.verify(bearer(es384(dev(c -> c.jwtID(jti)))), AUD);
        assertThat(caller).isEqualTo(new VerifiedCaller(DEV, null, jti));
    }

    @Test
    void acceptsRs384() throws Exception {
        String jti = UUID.randomUUID().toString();
        VerifiedCaller caller = verifier.verify(bearer(DevEhr.rs384(dev(c -> c.jwtID(jti)))), AUD);
        assertThat(caller).isEqualTo(new VerifiedCaller(DEV, null, jti));
    }

    @Test
    void acceptsTheRegisteredTenantAndReturnsIt() throws Exception {
        String jti = UUID.randomUUID().toString();
        VerifiedCaller caller = verifier.verify(bearer(es384(hospital(c -> c.jwtID(jti)))), AUD);
        assertThat(caller).isEqualTo(new VerifiedCaller(HOSPITAL, HOSPITAL_TENANT, jti));
    }

    @Test
    void acceptsATenantClaimWhenTheClientRequiresNone() throws Exception {
        assertThat(verifier.verify(bearer(es384(dev(c -> c.claim("tenant", "some-org")))), AUD).tenant()).isEqualTo("some-org");
    }

    @Test
    void acceptsAnAudArrayContainingTheEndpoint() throws Exception {
        assertThat(verifier.verify(bearer(es384(dev(c -> c.audience(List.of(OTHER_AUD, AUD))))), AUD).issuer()).isEqualTo(DEV);
    }

    @Test
    void toleratesSmallClockSkew() throws Exception {
        // exp 30 s ago, iat 30 s ahead, nbf 30 s ahead: all within the 60 s skew
        verifier.verify(bearer(es384(dev(c -> c.issueTime(at(-330)).expirationTime(at(-30))))), AUD);
        verifier.verify(bearer(es384(dev(c -> c.issueTime(at(30)).expirationTime(at(330))))), AUD);
        verifier.verify(bearer(es384(dev(c -> c.notBeforeTime(at(30))))), AUD);
    }

    @Test
    void acceptsALifetimeOfExactlyTheMaximum() throws Exception {
        verifier.verify(bearer(es384(dev(c -> c.issueTime(at(0)).expirationTime(at(3600))))), AUD);
    }

    @Test
    void acceptsEpicStyleExtraClaims() throws Exception {
        // Epic: RS384, sub = the CDS client id, nbf five minutes before iat
        String jti = UUID.randomUUID().toString();
        VerifiedCaller caller = verifier.verify(bearer(DevEhr.rs384(dev(c -> c.jwtID(jti).subject("epic-client-id-1234")
                .issueTime(at(-5)).notBeforeTime(at(-305)).claim("epic.eci", "xyz")))), AUD);
        assertThat(caller).isEqualTo(new VerifiedCaller(DEV, null, jti));
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        verifier.verify("bearer " + es384(dev(c -> c)), AUD);
        verifier.verify("BEARER " + es384(dev(c -> c)), AUD);
    }

    @Test
    void acceptsATokenFromTheJwksUrl() throws Exception {
        verifier.verify(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), AUD);
        assertThat(remote.fetches()).isEqualTo(1);
    }

    @Test
    void acceptsAJkuOnTheAllowList() throws Exception {
        VerifiedCaller caller = verifier.verify(bearer(signedBy(sandboxKey, claims(SANDBOX).build(), h -> h.jwkURL(sandbox.url()))), AUD);
        assertThat(caller.issuer()).isEqualTo(SANDBOX);
        assertThat(sandbox.fetches()).isEqualTo(1);
        assertThat(attacker.fetches()).isZero();
    }

    @Test
    void theSameJtiFromTwoIssuersIsNoReplay() throws Exception {
        String jti = UUID.randomUUID().toString();
        verifier.verify(bearer(es384(dev(c -> c.jwtID(jti)))), AUD);
        verifier.verify(bearer(es384(hospital(c -> c.jwtID(jti)))), AUD);
    }

    @Test
    void aRefusedTokenDoesNotUseUpItsJti() throws Exception {
        String jti = UUID.randomUUID().toString();
        assertRefused(bearer(es384(dev(c -> c.jwtID(jti).audience(OTHER_AUD)))), WRONG_AUDIENCE);
        verifier.verify(bearer(es384(dev(c -> c.jwtID(jti)))), AUD);
    }

    @Test
    void anAcceptedTokenPresentedAfterItsExpiryIsExpiredNotReplayed() throws Exception {
        String header = bearer(es384(dev(c -> c)));
        verifier.verify(header, AUD);
        clock.advance(Duration.ofMinutes(10));
        assertRefused(header, EXPIRED);
    }

    // ---------------------------------------------------------------- JWK Sets over HTTP

    @Test
    void theJwkSetIsFetchedOnceAndCached() throws Exception {
        for (int i = 0; i < 5; i++) {
            verifier.verify(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), AUD);
        }
        assertThat(remote.fetches()).isEqualTo(1);
    }

    @Test
    void followsAKeyRotationAtTheJwksUrlWithoutARestart() throws Exception {
        verifier.verify(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), AUD);
        assertThat(remote.fetches()).isEqualTo(1);

        // The EHR rotates: it publishes a new key and retires the old one.
        remote.serve(new JWKSet(remote2));
        String jti = UUID.randomUUID().toString();
        VerifiedCaller caller = verifier.verify(bearer(signedBy(remote2, claims(REMOTE).jwtID(jti).build(), h -> h)), AUD);
        assertThat(caller).isEqualTo(new VerifiedCaller(REMOTE, null, jti));
        assertThat(remote.fetches()).as("the unknown kid made the verifier refetch the set").isEqualTo(2);

        // The retired key is no longer trusted, the new one stays cached.
        assertRefused(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), NO_MATCHING_KEY);
        int fetches = remote.fetches();
        verifier.verify(bearer(signedBy(remote2, claims(REMOTE).build(), h -> h)), AUD);
        assertThat(remote.fetches()).isEqualTo(fetches);
    }

    @Test
    void followsAKeyRotationAtAnAllowListedJku() throws Exception {
        verifier.verify(bearer(signedBy(sandboxKey, claims(SANDBOX).build(), h -> h.jwkURL(sandbox.url()))), AUD);
        ECKey next = ec(Curve.P_384, "sandbox-2");
        sandbox.serve(new JWKSet(List.of(sandboxKey, next)));
        verifier.verify(bearer(signedBy(next, claims(SANDBOX).build(), h -> h.jwkURL(sandbox.url()))), AUD);
        verifier.verify(bearer(signedBy(sandboxKey, claims(SANDBOX).build(), h -> h.jwkURL(sandbox.url()))), AUD);
        assertThat(sandbox.fetches()).isEqualTo(2);
    }

    @Test
    void recoversWhenTheJwksUrlComesBack() throws Exception {
        remote.fail(503);
        assertRefused(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), KEYS_UNAVAILABLE);
        remote.serve(new JWKSet(remote1));
        verifier.verify(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), AUD);
    }

    @Test
    void aFloodOfUnknownKidsIsRateLimitedAndDoesNotLockOutValidTokens() throws Exception {
        JwtVerifier limited = newVerifier(new JwtVerifier.Settings(Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(2)));
        limited.verify(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), AUD);
        ECKey stranger = ec(Curve.P_384, "stranger");
        for (int i = 0; i < 10; i++) {
            String header = bearer(signedBy(stranger, claims(REMOTE).build(), h -> h));
            assertThatThrownBy(() -> limited.verify(header, AUD)).isInstanceOfSatisfying(JwtRejectedException.class,
                    e -> assertThat(e.reason()).isIn(NO_MATCHING_KEY, KEYS_UNAVAILABLE));
        }
        assertThat(remote.fetches()).as("one fetch, then one refetch for the unknown kid, then rate-limited").isEqualTo(2);
        limited.verify(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), AUD);
    }

    // ---------------------------------------------------------------- found by these tests, fixed

    @Test
    void anUnknownKidWhileRateLimitedIsNoMatchingKey() throws Exception {
        JwtVerifier limited = newVerifier(new JwtVerifier.Settings(Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(2)));
        limited.verify(bearer(signedBy(remote1, claims(REMOTE).build(), h -> h)), AUD);
        ECKey stranger = ec(Curve.P_384, "stranger");
        for (int i = 0; i < 3; i++) {
            String header = bearer(signedBy(stranger, claims(REMOTE).build(), h -> h));
            assertThatThrownBy(() -> limited.verify(header, AUD)).isInstanceOfSatisfying(JwtRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(NO_MATCHING_KEY));
        }
    }

    /** Deliberately lenient (see JwtVerifier): some EHRs omit typ; a wrong typ is still refused (catalogue). */
    @Test
    void acceptsATokenWithoutTyp() throws Exception {
        assertThat(verifier.verify(bearer(es384(dev(c -> c), h -> h.type(null))), AUD).issuer()).isEqualTo(DEV);
    }

    @Test
    void anUnreadableJwksFileIsKeysUnavailable(@TempDir Path dir) {
        JwtVerifier broken = new JwtVerifier(new TrustedClients(List.of(
                new TrustedClient("dev EHR", DEV, null, dir.resolve("missing.jwks.json"), List.of(), null, null))),
                SETTINGS, clock);
        assertThatThrownBy(() -> broken.verify(bearer(es384(dev(c -> c))), AUD))
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(KEYS_UNAVAILABLE));
    }

    @Test
    void aValidTokenTheReplayStoreCannotCheckIsRefusedNeverAccepted() {
        JwtVerifier failClosed = new JwtVerifier(new TrustedClients(List.of(
                new TrustedClient("dev EHR", DEV, null, DEV_KEYS.resolve("ehr-dev.jwks.json"), List.of(), null, null))),
                SETTINGS, clock, (issuer, jti, expiresAt, now) -> {
                    throw new JtiStoreUnavailableException("database down", null);
                });
        assertThatThrownBy(() -> failClosed.verify(bearer(es384(dev(c -> c))), AUD)).isInstanceOfSatisfying(
                JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.REPLAY_CHECK_UNAVAILABLE));
    }

    @Test
    void aBadTokenNeverReachesTheReplayStore() {
        List<String> claimed = new java.util.concurrent.CopyOnWriteArrayList<>();
        JwtVerifier recording = new JwtVerifier(new TrustedClients(List.of(
                new TrustedClient("dev EHR", DEV, null, DEV_KEYS.resolve("ehr-dev.jwks.json"), List.of(), null, null))),
                SETTINGS, clock, (issuer, jti, expiresAt, now) -> claimed.add(jti));
        assertThatThrownBy(() -> recording.verify(bearer(es384(dev(c -> c.audience("https://attacker.invalid/x")))), AUD))
                .isInstanceOf(JwtRejectedException.class);
        assertThat(claimed).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    void assertRefused(String authorization, RejectReason reason) {
        assertThatThrownBy(() -> verifier.verify(authorization, AUD))
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    /** Valid claims for this endpoint at {@link #NOW}: iat 10 s ago, exp in 290 s, a fresh jti. */
    static JWTClaimsSet.Builder claims(String issuer) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(AUD).issueTime(at(-10)).expirationTime(at(290))
                .jwtID(UUID.randomUUID().toString());
    }

    static JWTClaimsSet dev(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(claims(DEV)).build();
    }

    static JWTClaimsSet hospital(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(claims(HOSPITAL).claim("tenant", HOSPITAL_TENANT)).build();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Signed by the development EHR's ES384 key (DevEhr), typ JWT, kid flipside-dev-es384. */
    static String es384(JWTClaimsSet claims) {
        return DevEhr.es384(claims, UnaryOperator.identity());
    }

    static String es384(JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        return DevEhr.es384(claims, header);
    }

    static String signed(JWSAlgorithm algorithm, String kid, JWSSigner signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** ES384 with a generated key, under that key's kid. */
    static String signedBy(ECKey key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) throws Exception {
        SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** The token with its claims changed and its header and signature kept. */
    static String tamper(String token, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        String[] parts = token.split("\\.");
        JWTClaimsSet changed = change.apply(new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())).build();
        return parts[0] + "." + b64(changed.toString()) + "." + parts[2];
    }

    static byte[] devPublicKeyBytes(String kid) throws Exception {
        var jwk = devPublic.getKeyByKeyId(kid);
        return (jwk instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) jwk).toPublicKey()).getEncoded();
    }

    static byte[] pem(byte[] der) {
        return ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    static ECKey ec(Curve curve, String kid) throws Exception {
        return new ECKeyGenerator(curve).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    }

    static PrivateKey privateKey(String file, String algorithm) throws Exception {
        String pem = Files.readString(DEV_KEYS.resolve(file)).replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

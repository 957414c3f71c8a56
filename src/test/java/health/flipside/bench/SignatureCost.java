package health.flipside.bench;

import java.util.Date;
import java.util.Locale;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import health.flipside.security.SignatureVerifiers;

/**
 * What checking the EHR's ES384 signature costs (bench/README.md, "Signature checks"): one JWT verified again and
 * again, single-threaded and in-process, the way JwtVerifier gets its key on every call (converted anew from the
 * client's JWK), through Nimbus's default verifiers on the JDK's provider (before) and through
 * {@link SignatureVerifiers} (Bouncy Castle, kept per key: what JwtVerifier uses), alternated in rounds so both see the
 * same machine. Prints milliseconds per check and the ratio.
 * Usage: {@code SignatureCost [rounds, default 5] [checks per round, default 1000]}.
 */
public final class SignatureCost {
    private SignatureCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("bench").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("bench").build(),
                new JWTClaimsSet.Builder().issuer("https://ehr.example.org").audience("https://flipside.example.org/cds-services/x")
                        .expirationTime(new Date(System.currentTimeMillis() + 300_000)).issueTime(new Date())
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        SignedJWT received = SignedJWT.parse(jwt.serialize());
        System.out.println("round | before: JDK provider, ms/check | after: SignatureVerifiers, ms/check | before ÷ after");
        for (int round = 0; round <= rounds; round++) {
            double jdk = msPerCheck(received, key, new DefaultJWSVerifierFactory(), checks);
            double bc = msPerCheck(received, key, new SignatureVerifiers(), checks);
            System.out.printf(Locale.ROOT, "%s | %.3f | %.3f | %.1f%n", round == 0 ? "warm-up" : String.valueOf(round), jdk, bc, jdk / bc);
        }
    }

    /** A verifier asked of the factory for the key on every check, as Nimbus's processor does, then the signature checked. */
    private static double msPerCheck(SignedJWT jwt, ECKey key, JWSVerifierFactory factory, int checks) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            JWSVerifier verifier = factory.createJWSVerifier(jwt.getHeader(), key.toECPublicKey());
            if (!jwt.verify(verifier)) {
                throw new IllegalStateException("a valid signature was refused");
            }
        }
        return (System.nanoTime() - start) / 1e6 / checks;
    }
}

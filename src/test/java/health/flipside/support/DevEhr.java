package health.flipside.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The development EHR of dev/keys: signs CDS Hooks JWTs the way a real EHR does, for tests. */
public final class DevEhr {
    public static final String ISSUER = "https://ehr.dev.flipside.local";
    static final Path KEYS = Path.of(System.getProperty("dev.keys.dir", "dev/keys"));

    private DevEhr() {
    }

    /** A valid ES384 token for the exact endpoint URL. */
    public static String token(String audience) {
        return es384(defaultClaims(audience).build(), UnaryOperator.identity());
    }

    public static JWTClaimsSet.Builder defaultClaims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    public static String es384(JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        try {
            JWSHeader built = header.apply(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).keyID("flipside-dev-es384")).build();
            SignedJWT jwt = new SignedJWT(built, claims);
            jwt.sign(new ECDSASigner((ECPrivateKey) privateKey("ehr-dev-es384.pem", "EC")));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs384(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT).keyID("flipside-dev-rs384").build(), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) privateKey("ehr-dev-rs384.pem", "RSA")));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(String file, String algorithm) throws Exception {
        String pem = Files.readString(KEYS.resolve(file)).replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}

package health.flipside.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The kept signature checks: a verifier made once per key and algorithm gives the same answers as a fresh one would,
 * for the key it was made for only. JwtVerifierTest covers them inside the whole token check.
 */
class SignatureVerifiersTest {
    private static ECKey ehr;
    private static ECKey other;
    private static RSAKey rsa;

    @BeforeAll
    static void keys() throws Exception {
        ehr = new ECKeyGenerator(Curve.P_384).keyID("ehr").generate();
        other = new ECKeyGenerator(Curve.P_384).keyID("other").generate();
        rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
    }

    @Test
    void aKeysVerifierIsMadeOnceAndChecksEveryTokenItSigns() throws Exception {
        SignatureVerifiers verifiers = new SignatureVerifiers();
        SignedJWT first = signed(JWSAlgorithm.ES384, new ECDSASigner(ehr));
        SignedJWT second = signed(JWSAlgorithm.ES384, new ECDSASigner(ehr));

        JWSVerifier verifier = verifiers.createJWSVerifier(first.getHeader(), ehr.toECPublicKey());

        // Nimbus converts the JWK to a new Java key on every call: the same key, another object
        assertThat(verifiers.createJWSVerifier(second.getHeader(), ehr.toECPublicKey())).isSameAs(verifier);
        assertThat(first.verify(verifier)).isTrue();
        assertThat(second.verify(verifier)).isTrue();
    }

    @Test
    void aKeptVerifierRefusesATokenSignedByAnotherKeyOrAltered() throws Exception {
        SignatureVerifiers verifiers = new SignatureVerifiers();
        SignedJWT byEhr = signed(JWSAlgorithm.ES384, new ECDSASigner(ehr));
        SignedJWT byOther = signed(JWSAlgorithm.ES384, new ECDSASigner(other));
        JWSVerifier ehrVerifier = verifiers.createJWSVerifier(byEhr.getHeader(), ehr.toECPublicKey());
        assertThat(byEhr.verify(ehrVerifier)).isTrue();

        assertThat(byOther.verify(verifiers.createJWSVerifier(byOther.getHeader(), ehr.toECPublicKey()))).isFalse();
        assertThat(verifiers.createJWSVerifier(byOther.getHeader(), other.toECPublicKey())).isNotSameAs(ehrVerifier);
        String[] parts = byEhr.serialize().split("\\.");
        SignedJWT altered = new SignedJWT(new Base64URL(parts[0]),
                Base64URL.encode(byEhr.getJWTClaimsSet().toString().replace("ehr.example.org", "evil.example.org")), new Base64URL(parts[2]));
        assertThat(altered.verify(verifiers.createJWSVerifier(altered.getHeader(), ehr.toECPublicKey()))).isFalse();
    }

    @Test
    void rsaKeysAreCheckedToo() throws Exception {
        SignatureVerifiers verifiers = new SignatureVerifiers();
        SignedJWT token = signed(JWSAlgorithm.RS384, new RSASSASigner(rsa));
        assertThat(token.verify(verifiers.createJWSVerifier(token.getHeader(), rsa.toRSAPublicKey()))).isTrue();
        SignedJWT forged = signed(JWSAlgorithm.RS384, new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        assertThat(forged.verify(verifiers.createJWSVerifier(forged.getHeader(), rsa.toRSAPublicKey()))).isFalse();
    }

    private static SignedJWT signed(JWSAlgorithm algorithm, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).build(), new JWTClaimsSet.Builder()
                .issuer("https://ehr.example.org").jwtID(UUID.randomUUID().toString()).issueTime(new Date()).build());
        jwt.sign(signer);
        return SignedJWT.parse(jwt.serialize());
    }
}

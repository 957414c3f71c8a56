package health.flipside.security;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;

/**
 * The signature checks of the EHR's JWTs, made once per key and algorithm and kept. An ES384 check with the JDK 17
 * provider costs about 2 ms, a quarter of a typical call's CPU; with Bouncy Castle, on a key it has already prepared,
 * a seventh of that (bench/README.md, "Signature checks"). Bouncy Castle is handed to Nimbus only, never registered
 * with the JVM, and Nimbus still makes its own checks first (the key on its curve; r and s in range, CVE-2022-21449).
 *
 * <p>The keys are the trusted clients' (only keys from an allow-listed set are ever selected), so the map is small;
 * it is emptied if it ever reaches {@value #MAX_KEYS}, e.g. after many key rotations. A key dropped from its set is
 * no longer selected, so its kept verifier is never used again.
 */
public final class SignatureVerifiers implements JWSVerifierFactory {
    private static final int MAX_KEYS = 256;

    private record KeyAndAlgorithm(Key key, JWSAlgorithm algorithm) {
    }

    private final Provider provider = new BouncyCastleProvider();
    private final DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
    private final Map<KeyAndAlgorithm, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    public SignatureVerifiers() {
        factory.getJCAContext().setProvider(provider);
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        KeyAndAlgorithm id = new KeyAndAlgorithm(key, header.getAlgorithm());
        JWSVerifier verifier = verifiers.get(id);
        if (verifier == null) {
            verifier = factory.createJWSVerifier(header, prepared(key));
            if (verifiers.size() >= MAX_KEYS) {
                verifiers.clear();
            }
            verifiers.put(id, verifier);
        }
        return verifier;
    }

    /**
     * An EC key as Bouncy Castle's own, so its precomputed multiples of the point are kept with the key and reused by
     * every check; other keys as they are.
     */
    private Key prepared(Key key) throws JOSEException {
        if (!(key instanceof ECPublicKey)) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(((PublicKey) key).getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("EC key not readable: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return factory.supportedJWSAlgorithms();
    }

    @Override
    public JCAContext getJCAContext() {
        return factory.getJCAContext();
    }
}

package health.flipside.feedback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import health.flipside.services.HookCall;

/**
 * The patient key of alert hygiene: hex HMAC-SHA-256, under a server secret, of the EHR's FHIR server and the patient
 * id. The feedback database stores this key and never the id; without the secret a key cannot be tied back to a patient
 * (patient ids are short and guessable, so a plain hash could be reversed by trying them).
 *
 * <p>The secret is {@code FLIPSIDE_PATIENT_KEY} (Liberty variable {@code flipside.patient.key}, at least 32 characters).
 * Without it Flipside generates one at first start into {@code flipside.patient.key.file}, readable by the server's user
 * only; its path is logged, the secret never is. Replicas sharing one database must share the secret. Changing it
 * starts over: every stored suppression and "dealt with" belongs to the old keys, so every card shows again.
 */
@ApplicationScoped
public class PatientKeys {
    private static final Logger LOG = Logger.getLogger(PatientKeys.class.getName());
    static final int MIN_SECRET_CHARS = 32;
    private static final String ALGORITHM = "HmacSHA256";

    @Inject
    @ConfigProperty(name = "flipside.patient.key")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "flipside.patient.key.file", defaultValue = "patient-key")
    String keyFile;

    /** Trailing slashes of a FHIR server's base, which name the same server. */
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    /**
     * An HMAC keyed with the secret, cloned for each key: looking the algorithm up among the security providers and
     * keying it anew cost about a fortieth of a typical hook call's CPU (bench/README.md). Null: no secret.
     */
    private volatile Mac keyed;

    public PatientKeys() {
        // for CDI
    }

    /** Outside a container (tests): a fixed secret. */
    public PatientKeys(String secret) {
        this.keyed = keyed(secret);
    }

    void onStart(@Observes Startup event) {
        try {
            keyed = keyed(load());
        } catch (IOException | IllegalArgumentException e) {
            // the message names the file or the length, never the secret
            LOG.log(Level.WARNING, "Alert hygiene is off (every card is shown, none suppressed): no usable patient key ("
                    + e.getMessage() + ")");
        }
    }

    private String load() throws IOException {
        if (configured.filter(k -> !k.isBlank()).isPresent()) {
            return configured.get().strip();
        }
        Path file = Path.of(keyFile);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warning("Cannot restrict permissions of " + file + " on this file system");
            }
            LOG.info("No FLIPSIDE_PATIENT_KEY set: generated the alert-hygiene patient key in " + file
                    + " (replicas sharing one feedback database need the same FLIPSIDE_PATIENT_KEY)");
        }
        return Files.readString(file).strip();
    }

    private static Mac keyed(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("the secret must have at least " + MIN_SECRET_CHARS + " characters");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.clone(); // refused here, at start, if this platform's HMAC cannot be cloned
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException | CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256, keyed and cloned, is part of every Java platform", e);
        }
    }

    /** Whether keys can be made (false: alert hygiene is off). */
    public boolean available() {
        return keyed != null;
    }

    /** The key of the hook call's patient (its fhirServer and patientId), or empty. */
    public Optional<String> of(HookCall call) {
        return of(call.access() == null ? null : call.access().serverBase(), call.context().get("patientId"));
    }

    /**
     * The key of a patient of one EHR: patient ids are unique per FHIR server only, so the server is part of it.
     *
     * @param fhirServer the hook's fhirServer, or null when the EHR sent none
     * @return 64 hex characters, or empty when there is no patient id or no secret
     */
    public Optional<String> of(String fhirServer, String patientId) {
        Mac prototype = keyed;
        if (prototype == null || patientId == null || patientId.isBlank()) {
            return Optional.empty();
        }
        try {
            Mac mac = (Mac) prototype.clone(); // a Mac is not thread-safe: each key has its own copy
            String server = fhirServer == null ? "" : TRAILING_SLASHES.matcher(fhirServer.strip()).replaceAll("");
            byte[] hash = mac.doFinal((server + "\n" + patientId.strip()).getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(hash));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("cloned once at start", e);
        }
    }
}

package health.flipside.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin credential for analytics, the preview console and reloads — separate from EHR trust. Set
 * {@code FLIPSIDE_ADMIN_PASSWORD} in production; without it Flipside makes a random one at first start and keeps it
 * in a file only the server's user can read (its path is logged, the password never is).
 */
@ApplicationScoped
public class AdminCredential {
    private static final Logger LOG = Logger.getLogger(AdminCredential.class.getName());
    public static final String USER = "admin";

    @Inject
    @ConfigProperty(name = "flipside.admin.password")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "flipside.admin.password.file")
    String passwordFile;

    private byte[] password;

    void onStart(@Observes Startup event) throws IOException {
        if (configured.filter(p -> !p.isBlank()).isPresent()) {
            password = configured.get().getBytes(StandardCharsets.UTF_8);
            return;
        }
        Path file = Path.of(passwordFile);
        if (!Files.exists(file)) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warning("Cannot restrict permissions of " + file + " on this file system");
            }
            LOG.info("No FLIPSIDE_ADMIN_PASSWORD set: generated an admin password in " + file);
        }
        password = Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time, so response timing does not reveal how much of a guess was right. */
    public boolean matches(String user, String candidate) {
        return password != null && USER.equals(user)
                && MessageDigest.isEqual(password, candidate.getBytes(StandardCharsets.UTF_8));
    }
}

package health.flipside.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import health.flipside.feedback.FeedbackDatabase;
import health.flipside.support.SafeLog;

/**
 * Which EHRs Flipside trusts and how strictly, from configuration. Secure by default: with no clients file every
 * call is refused. {@code flipside.security.disabled=true} turns verification off for local experiments only:
 * then only loopback callers are served, and the log says so at start-up. With verification on, the public URL
 * ({@code flipside.public.base.url}) must be configured, or Flipside does not start. Replicas share the jti replay
 * store ({@code flipside.security.replay.store=postgresql}).
 */
@ApplicationScoped
public class EhrTrust {
    private static final Logger LOG = Logger.getLogger(EhrTrust.class.getName());

    @Inject
    @ConfigProperty(name = "flipside.security.clients.file")
    String clientsFile;

    @Inject
    @ConfigProperty(name = "flipside.security.disabled", defaultValue = "false")
    boolean disabled;

    @Inject
    @ConfigProperty(name = PublicUrls.VARIABLE)
    Optional<String> publicBaseUrl;

    @Inject
    @ConfigProperty(name = "flipside.security.clock.skew.seconds", defaultValue = "60")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "flipside.security.jwks.min.refresh.seconds", defaultValue = "30")
    int jwksMinRefreshSeconds;

    /** memory (one node) or postgresql (replicas: shared through the feedback database) — README "Scaling" */
    @Inject
    @ConfigProperty(name = "flipside.security.replay.store", defaultValue = "memory")
    String replayStore;

    @Inject
    @ConfigProperty(name = "flipside.security.replay.timeout.seconds", defaultValue = "2")
    int replayTimeoutSeconds;

    @Inject
    FeedbackDatabase feedbackDatabase;

    private JwtVerifier verifier;
    private PublicUrls publicUrls;

    void onStart(@Observes Startup event) {
        if (!disabled) {
            try {
                publicUrls = PublicUrls.parse(publicBaseUrl.orElse(""));
            } catch (IllegalArgumentException e) {
                // Refuse to start (as for refused rules): serving with an audience taken from the Host header would
                // accept a token minted for any host the caller names.
                throw new IllegalStateException("Flipside cannot start: " + e.getMessage());
            }
            LOG.info("JWT audience: the endpoint under " + publicUrls.bases());
        }
        TrustedClients clients = TrustedClients.load(Path.of(clientsFile));
        JwtVerifier.Settings defaults = JwtVerifier.Settings.defaults();
        verifier = new JwtVerifier(clients, new JwtVerifier.Settings(Duration.ofSeconds(clockSkewSeconds),
                defaults.maxLifetime(), defaults.jwksCacheTtl(), Duration.ofSeconds(jwksMinRefreshSeconds),
                defaults.jwksTimeout()), Clock.systemUTC(), jtiStore());
        if (disabled) {
            LOG.warning("*** EHR AUTHENTICATION IS DISABLED (flipside.security.disabled=true). Only loopback callers "
                    + "are served. Never run like this with real patient data. ***");
        } else if (clients.size() == 0) {
            LOG.warning("No trusted EHR clients in " + clientsFile + ": every CDS Hooks call will be refused (401) "
                    + "until one is registered (docs/registering.md).");
        } else {
            LOG.info("Trusting " + clients.size() + " EHR client(s) from " + clientsFile);
        }
    }

    /** The replay store named by configuration; an unknown name stops start-up, as a missing public URL does. */
    private JtiStore jtiStore() {
        String name = replayStore.strip().toLowerCase(Locale.ROOT);
        JtiStore store = switch (name) {
            case "memory" -> new MemoryJtiStore();
            case "postgresql" -> new PostgresJtiStore(feedbackDatabase::dataSource, Duration.ofSeconds(replayTimeoutSeconds));
            default -> throw new IllegalStateException("Flipside cannot start: flipside.security.replay.store is '"
                    + SafeLog.text(replayStore) + "'; use memory (one server) or postgresql (replicas)");
        };
        LOG.info("JWT replay store: " + name + (name.equals("postgresql")
                ? " (shared through the feedback database; a call is refused with 503 while it cannot answer)" : ""));
        return store;
    }

    public JwtVerifier verifier() {
        return verifier;
    }

    public boolean disabled() {
        return disabled;
    }

    /** Where EHRs reach Flipside, from configuration only; null when verification is disabled. */
    public PublicUrls publicUrls() {
        return publicUrls;
    }
}

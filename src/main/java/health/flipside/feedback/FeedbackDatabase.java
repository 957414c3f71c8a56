package health.flipside.feedback;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The feedback database as the application sees it: the Liberty {@code dataSource} (JNDI {@code jdbc/flipside},
 * liberty-config/datasource-*.xml), migrated with Flyway at start.
 *
 * <p>A database that cannot be reached (or migrated) at start does not stop Flipside: the hook service answers as
 * always, the issued-cards log is skipped with a warning, and the feedback endpoint answers 503. Every
 * {@code flipside.db.retry.seconds} (default 30) the next use tries again, so a database that comes up later is used
 * without a restart.
 */
@ApplicationScoped
public class FeedbackDatabase {
    private static final Logger LOG = Logger.getLogger(FeedbackDatabase.class.getName());

    @Inject
    @ConfigProperty(name = "flipside.db.jndi", defaultValue = "jdbc/flipside")
    String jndiName;

    @Inject
    @ConfigProperty(name = "flipside.db.retry.seconds", defaultValue = "30")
    int retrySeconds;

    @Inject
    Clock clock;

    private volatile FeedbackStore store;
    private volatile DataSource dataSource;
    private volatile Instant nextAttempt = Instant.EPOCH;
    private volatile String problem = "starting";

    @Resource
    ManagedExecutorService executor;

    /**
     * Connects and migrates on a managed thread, so start-up (and readiness) does not wait for the database; a request
     * that needs the store meanwhile waits for this first attempt.
     */
    void onStart(@Observes Startup event) {
        try {
            executor.execute(this::connect);
        } catch (RuntimeException e) {
            connect();
        }
    }

    /** The store, connecting (and migrating) first when the last attempt failed long enough ago. */
    public FeedbackStore store() {
        FeedbackStore current = store;
        if (current != null) {
            return current;
        }
        if (connect()) {
            return store;
        }
        throw new FeedbackUnavailableException("Feedback storage is unavailable (" + problem + ")");
    }

    /**
     * The migrated database itself, for what shares it with the feedback store (the replay store of replicas,
     * {@code health.flipside.security.PostgresJtiStore}); connects first like {@link #store()}.
     *
     * @throws FeedbackUnavailableException when it cannot be used now
     */
    public DataSource dataSource() {
        store();
        return dataSource;
    }

    /** Whether the schema is migrated and the store in use; false says why {@link #problem()}. */
    public boolean available() {
        return store != null;
    }

    public String problem() {
        return store != null ? null : problem;
    }

    /** One attempt at a time; after a failure, none until {@code flipside.db.retry.seconds} have passed. */
    private synchronized boolean connect() {
        if (store != null) {
            return true;
        }
        if (clock.instant().isBefore(nextAttempt)) {
            return false;
        }
        long started = System.nanoTime();
        try {
            DataSource dataSource = InitialContext.doLookup(jndiName);
            String database = describe(dataSource);
            int applied = Migrations.migrate(dataSource);
            this.dataSource = dataSource;
            store = new FeedbackStore(dataSource);
            LOG.info(() -> "Feedback storage ready on " + database + " (" + jndiName + "): " + applied
                    + " migration(s) applied in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return true;
        } catch (NamingException | SQLException | RuntimeException e) {
            // No request data is involved in connecting or migrating, so the cause's message (host refused, database
            // missing, a failed migration) is safe to log, and it is what an operator needs.
            problem = e.getClass().getSimpleName() + (e instanceof SQLException s ? " SQLState " + s.getSQLState() : "");
            nextAttempt = clock.instant().plus(Duration.ofSeconds(Math.max(1, retrySeconds)));
            LOG.log(Level.WARNING, "Feedback storage unavailable (" + jndiName + "): " + rootMessage(e)
                    + ". Hook calls are answered as usual, issued cards are not recorded and feedback answers 503; "
                    + "next attempt in " + retrySeconds + " s.");
            return false;
        }
    }

    private static String describe(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " / cause: " + root.getMessage();
        return e.getClass().getSimpleName() + ": " + text;
    }
}

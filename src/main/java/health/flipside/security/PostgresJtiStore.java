package health.flipside.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The jti store shared by replicas: table {@code jti_seen} in the PostgreSQL feedback database (migration V3), one
 * row per accepted token until it expires ({@code flipside.security.replay.store=postgresql}).
 *
 * <p>One statement decides, atomically in the database: {@code INSERT … ON CONFLICT DO UPDATE … WHERE expired}
 * inserts a new key, takes over a row whose token has expired, and changes nothing for a live one — so of two
 * replicas presented the same token at the same moment exactly one gets a row count of 1. The key is SHA-256 of issuer
 * and jti: the table holds no token material. Every {@value #PURGE_EVERY} claims this node deletes expired rows.
 *
 * <p>Fails closed: a database that cannot answer within the statement timeout (down, unreachable, locked) is a
 * {@link JtiStoreUnavailableException}, and the call is refused with 503, never accepted unchecked.
 */
public final class PostgresJtiStore implements JtiStore {
    private static final Logger LOG = Logger.getLogger(PostgresJtiStore.class.getName());
    static final int PURGE_EVERY = 1024;

    private static final String CLAIM = """
            INSERT INTO jti_seen (jti_key, expires_at) VALUES (?, ?)
            ON CONFLICT (jti_key) DO UPDATE SET expires_at = EXCLUDED.expires_at
            WHERE jti_seen.expires_at < ?""";
    private static final String PURGE = "DELETE FROM jti_seen WHERE expires_at < ?";

    private final Supplier<DataSource> database;
    private final int timeoutSeconds;
    private final int purgeEvery;
    private final AtomicInteger sincePurge = new AtomicInteger();
    private volatile boolean postgres;

    /**
     * @param database         the migrated feedback database; may throw when it is unavailable now
     * @param statementTimeout how long one claim may take before the token is refused (whole seconds, at least 1)
     */
    public PostgresJtiStore(Supplier<DataSource> database, Duration statementTimeout) {
        this(database, statementTimeout, PURGE_EVERY);
    }

    PostgresJtiStore(Supplier<DataSource> database, Duration statementTimeout, int purgeEvery) {
        this.database = database;
        this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
        this.purgeEvery = purgeEvery;
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant expiresAt, Instant now) throws JtiStoreUnavailableException {
        boolean first;
        try (Connection connection = database.get().getConnection()) {
            requirePostgres(connection);
            connection.setAutoCommit(true);
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setQueryTimeout(timeoutSeconds);
                claim.setString(1, key(issuer, jti));
                claim.setObject(2, utc(expiresAt));
                claim.setObject(3, utc(now));
                first = claim.executeUpdate() == 1;
            }
            if (sincePurge.incrementAndGet() >= purgeEvery) {
                sincePurge.set(0);
                purge(connection, now);
            }
        } catch (SQLException | RuntimeException e) {
            // Nothing of the token can be in the message: the key is a hash and every value is bound.
            String problem = "The replay store did not answer, the call is refused (503): " + e.getClass().getSimpleName()
                    + (e instanceof SQLException s ? " SQLState " + s.getSQLState() : "") + ": " + e.getMessage();
            LOG.warning(problem);
            throw new JtiStoreUnavailableException(problem, e);
        }
        return first;
    }

    /** The statement is PostgreSQL's: on another database (H2 left as the feedback store) say so, not a syntax error. */
    private void requirePostgres(Connection connection) throws SQLException {
        if (!postgres) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equals(product)) {
                throw new SQLException("flipside.security.replay.store=postgresql needs the feedback database on "
                        + "PostgreSQL (FLIPSIDE_DB=postgresql), not " + product, "42000");
            }
            postgres = true;
        }
    }

    /** Deletes the rows of expired tokens; a failure is only logged, the claim before it stands. */
    private void purge(Connection connection, Instant now) {
        try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setQueryTimeout(timeoutSeconds);
            purge.setObject(1, utc(now));
            int deleted = purge.executeUpdate();
            LOG.fine(() -> "Purged " + deleted + " expired jti rows");
        } catch (SQLException e) {
            LOG.warning("Purging expired jti rows failed (retried after " + purgeEvery + " more tokens): "
                    + e.getClass().getSimpleName() + " SQLState " + e.getSQLState());
        }
    }

    /** Hex SHA-256 of the issuer's length, the issuer and the jti: unambiguous, and no token material stored. */
    static String key(String issuer, String jti) {
        byte[] iss = issuer.getBytes(StandardCharsets.UTF_8);
        byte[] id = jti.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(4 + iss.length + id.length).putInt(iss.length).put(iss).put(id);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package health.flipside.feedback;

import static health.flipside.feedback.FeedbackStoreTest.RECEIVED;
import static health.flipside.feedback.FeedbackStoreTest.SERVICE;
import static health.flipside.feedback.FeedbackStoreTest.accepted;
import static health.flipside.feedback.FeedbackStoreTest.card;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded H2 file database, commits reach the file in the background, within H2's write delay
 * (datasource-h2.xml), but acknowledged feedback is in the file before {@link FeedbackStore#submit} returns. What a
 * killed server would find is read from a copy of the file taken at that moment, opened as a database of its own.
 */
class H2FileDurabilityTest {
    @TempDir
    Path dir;

    private JdbcConnectionPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.dispose();
        }
    }

    @Test
    void acknowledgedFeedbackIsInTheFileBeforeSubmitReturns() throws Exception {
        // a write delay no test outlasts: nothing reaches the file unless written on purpose
        FeedbackStore store = new FeedbackStore(open("WRITE_DELAY=600000"));
        IssuedCard first = card("bp-a", "t-a", 1, Instant.parse("2026-11-18T09:00:00Z"));
        IssuedCard second = card("bp-b", "t-b", 1, Instant.parse("2026-11-18T09:00:00Z"));
        store.recordIssued(List.of(first, second));

        // committed, and not yet written: what a killed server would lose
        assertThat(store.isIssued(first.cardUuid())).isTrue();
        assertThat(issuedInCopy(first)).isFalse();

        store.submit(SERVICE, List.of(accepted(0, first, RECEIVED, first.suggestionUuids().get(0))), RECEIVED);

        // the feedback, and the cards committed before it, are in the file
        try (Copy copy = copyOfFile()) {
            assertThat(copy.store().feedbackCount()).isEqualTo(1);
            assertThat(copy.store().isIssued(second.cardUuid())).isTrue();
        }
    }

    private JdbcConnectionPool open(String settings) throws SQLException {
        pool = pool(dir.resolve("flipside"), settings);
        Migrations.migrate(pool);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT"); // the schema is in the file
        }
        return pool;
    }

    private boolean issuedInCopy(IssuedCard card) throws Exception {
        try (Copy copy = copyOfFile()) {
            return copy.store().isIssued(card.cardUuid());
        }
    }

    /** The database file as it is on disk now, opened as another database. */
    private Copy copyOfFile() throws Exception {
        Path copy = Files.createTempDirectory(dir, "copy").resolve("flipside");
        Files.copy(dir.resolve("flipside.mv.db"), Path.of(copy + ".mv.db"));
        return new Copy(pool(copy, "WRITE_DELAY=0"));
    }

    private record Copy(JdbcConnectionPool pool) implements AutoCloseable {
        FeedbackStore store() {
            return new FeedbackStore(pool);
        }

        @Override
        public void close() {
            pool.dispose();
        }
    }

    private static JdbcConnectionPool pool(Path base, String settings) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + base + ";" + settings);
        dataSource.setUser("flipside");
        return JdbcConnectionPool.create(dataSource);
    }
}

package health.flipside.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import health.flipside.feedback.TestDatabase;

/** The shared replay store on the machine's real PostgreSQL, in a schema of its own (TestDatabase). */
class PostgresJtiStoreTest {
    static final String ISS = "https://ehr.example.org";
    static final Instant NOW = Instant.parse("2026-12-05T07:00:00Z");
    static final Instant EXPIRES = NOW.plusSeconds(360);

    TestDatabase.Isolated database;
    PostgresJtiStore store;

    @BeforeEach
    void open() throws SQLException {
        database = TestDatabase.POSTGRESQL.open();
        store = new PostgresJtiStore(database::dataSource, Duration.ofSeconds(1));
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
    }

    @Test
    void firstUseIsAcceptedAndAReplayRefused() throws Exception {
        assertThat(store.firstUse(ISS, "jti-1", EXPIRES, NOW)).isTrue();
        assertThat(store.firstUse(ISS, "jti-1", EXPIRES, NOW.plusSeconds(1))).isFalse();
        assertThat(store.firstUse(ISS, "jti-1", EXPIRES.plusSeconds(60), NOW.plusSeconds(359))).as("until it expires").isFalse();
    }

    @Test
    void theSameJtiFromAnotherIssuerIsAnotherToken() throws Exception {
        assertThat(store.firstUse(ISS, "jti-1", EXPIRES, NOW)).isTrue();
        assertThat(store.firstUse("https://other-ehr.example.org", "jti-1", EXPIRES, NOW)).isTrue();
        // the length prefix keeps issuer and jti apart: "ab" + "c" is not "a" + "bc"
        assertThat(store.firstUse("https://a.example/b", "c", EXPIRES, NOW)).isTrue();
        assertThat(store.firstUse("https://a.example/", "bc", EXPIRES, NOW)).isTrue();
    }

    @Test
    void anExpiredRowIsTakenOverByANewUseAndThenGuardsIt() throws Exception {
        assertThat(store.firstUse(ISS, "jti-1", EXPIRES, NOW)).isTrue();
        Instant later = EXPIRES.plusSeconds(1);
        assertThat(store.firstUse(ISS, "jti-1", later.plusSeconds(360), later)).isTrue();
        assertThat(store.firstUse(ISS, "jti-1", later.plusSeconds(360), later.plusSeconds(1))).isFalse();
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theTableHoldsAHashNeverTheJti() throws Exception {
        store.firstUse(ISS, "a-very-recognisable-jti", EXPIRES, NOW);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT jti_key FROM jti_seen")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).matches("[0-9a-f]{64}").doesNotContain("recognisable")
                    .isEqualTo(PostgresJtiStore.key(ISS, "a-very-recognisable-jti"));
        }
    }

    @RepeatedTest(5)
    void twoReplicasPresentedTheSameTokenAtOnceAcceptItExactlyOnce() throws Exception {
        // two stores on one database, as two replicas have; a fresh jti each round
        PostgresJtiStore other = new PostgresJtiStore(database::dataSource, Duration.ofSeconds(1));
        String jti = "race-" + System.nanoTime();
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                JtiStore replica = i % 2 == 0 ? store : other;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return replica.firstUse(ISS, jti, EXPIRES, NOW);
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> outcome : outcomes) {
                accepted += outcome.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expiredRowsArePurgedEveryNClaims() throws Exception {
        int every = 32; // 1024 in service; fewer here, each claim opening a connection of its own
        PostgresJtiStore purging = new PostgresJtiStore(database::dataSource, Duration.ofSeconds(1), every);
        for (int i = 0; i < 10; i++) {
            purging.firstUse(ISS, "old-" + i, EXPIRES, NOW);
        }
        Instant later = EXPIRES.plusSeconds(60);
        for (int i = 0; i < every - 11; i++) {
            purging.firstUse(ISS, "new-" + i, later.plusSeconds(360), later);
        }
        assertThat(rows()).as("before the purge").isEqualTo(every - 1);
        purging.firstUse(ISS, "new-last", later.plusSeconds(360), later);
        // the 32nd claim purged the 10 expired rows and kept every live one
        assertThat(rows()).isEqualTo(every - 10);
    }

    @Test
    void aDatabaseThatIsDownRefusesTheToken() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {1}); // nothing listens: connection refused
        nowhere.setDatabaseName("test");
        nowhere.setUser("postgres");
        nowhere.setConnectTimeout(2);
        PostgresJtiStore down = new PostgresJtiStore(() -> nowhere, Duration.ofSeconds(1));
        assertThatThrownBy(() -> down.firstUse(ISS, "jti-1", EXPIRES, NOW)).isInstanceOf(JtiStoreUnavailableException.class);
    }

    @Test
    void aFeedbackDatabaseNotAvailableNowRefusesTheToken() {
        PostgresJtiStore unavailable = new PostgresJtiStore(() -> {
            throw new health.flipside.feedback.FeedbackUnavailableException("Feedback storage is unavailable (starting)");
        }, Duration.ofSeconds(1));
        assertThatThrownBy(() -> unavailable.firstUse(ISS, "jti-1", EXPIRES, NOW)).isInstanceOf(JtiStoreUnavailableException.class);
    }

    @Test
    void aDatabaseThatDoesNotAnswerInTimeRefusesTheToken() throws Exception {
        // another session holds the table: the claim waits, and the statement timeout (1 s here) gives up
        try (Connection locker = database.dataSource().getConnection(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE jti_seen IN ACCESS EXCLUSIVE MODE");
            long started = System.nanoTime();
            assertThatThrownBy(() -> store.firstUse(ISS, "jti-1", EXPIRES, NOW)).isInstanceOf(JtiStoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            locker.rollback();
        }
        assertThat(store.firstUse(ISS, "jti-1", EXPIRES, NOW)).as("nothing was claimed by the refused call").isTrue();
    }

    @Test
    void aFeedbackDatabaseOnH2IsRefusedNamingTheSetting() throws Exception {
        try (TestDatabase.Isolated h2 = TestDatabase.H2.open()) {
            PostgresJtiStore onH2 = new PostgresJtiStore(h2::dataSource, Duration.ofSeconds(1));
            assertThatThrownBy(() -> onH2.firstUse(ISS, "jti-1", EXPIRES, NOW))
                    .isInstanceOf(JtiStoreUnavailableException.class).hasMessageContaining("FLIPSIDE_DB=postgresql");
        }
    }

    private long rows() throws SQLException {
        DataSource dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM jti_seen")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

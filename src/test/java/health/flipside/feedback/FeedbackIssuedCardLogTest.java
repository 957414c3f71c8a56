package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;

/** The issued-cards log never fails or stalls a hook call, whatever the database does. */
class FeedbackIssuedCardLogTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static ComposedCard composed() {
        Card card = new Card(UUID.randomUUID().toString(), "s", "d", "warning", null,
                List.of(new Card.Suggestion("l", UUID.randomUUID().toString(), null, List.of())), "any", List.of(), List.of());
        return new ComposedCard(card, List.of("bp.rule"), List.of("bp-template"));
    }

    /** A database whose store is the given one, or unavailable when it is null. */
    static FeedbackDatabase database(FeedbackStore store) {
        return new FeedbackDatabase() {
            @Override
            public FeedbackStore store() {
                if (store == null) {
                    throw new FeedbackUnavailableException("down");
                }
                return store;
            }
        };
    }

    @Test
    void recordsTheCardsBeforeReturning() throws Exception {
        try (TestDatabase.Isolated db = TestDatabase.H2.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            ComposedCard card = composed();

            new IssuedCardLog(database(store), executor, 5_000).record("svc", UUID.randomUUID(), List.of(card), Instant.now());

            assertThat(store.isIssued(card.card().uuid())).isTrue();
        }
    }

    @Test
    void anUnavailableDatabaseCostsTheHookNothing() {
        IssuedCardLog log = new IssuedCardLog(database(null), executor, 5_000);

        assertThatCode(() -> log.record("svc", UUID.randomUUID(), List.of(composed()), Instant.now())).doesNotThrowAnyException();
    }

    @Test
    void aFailingWriteIsSwallowedAndLoggedWithoutItsMessage() throws Exception {
        FeedbackStore failing = new FeedbackStore((DataSource) null) {
            @Override
            public void recordIssued(List<IssuedCard> cards) throws SQLException {
                throw new SQLException("value 'secret comment' too long", "22001");
            }
        };
        IssuedCardLog log = new IssuedCardLog(database(failing), executor, 5_000);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(IssuedCardLog.class.getName());
        logger.addHandler(capture);
        try {
            assertThatCode(() -> log.record("svc", UUID.randomUUID(), List.of(composed()), Instant.now())).doesNotThrowAnyException();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (logged.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(logged).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).contains("SQLState 22001", "service=svc", "cards=1").doesNotContain("secret");
            });
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void aStalledDatabaseIsWaitedForOnlyUntilTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FeedbackStore stalled = new FeedbackStore((DataSource) null) {
            @Override
            public void recordIssued(List<IssuedCard> cards) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        IssuedCardLog log = new IssuedCardLog(database(stalled), executor, 100);

        long started = System.nanoTime();
        log.record("svc", UUID.randomUUID(), List.of(composed()), Instant.now());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        release.countDown();

        assertThat(tookMillis).isBetween(100L, 2_000L);
    }

    @Test
    void callsThatArriveWhileTheWriterCommitsAreCommittedTogether() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batches = new CopyOnWriteArrayList<>();
        FeedbackStore slow = new FeedbackStore((DataSource) null) {
            @Override
            public void recordIssued(List<IssuedCard> cards) {
                batches.add(cards.size());
                firstBatchStarted.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        IssuedCardLog log = new IssuedCardLog(database(slow), executor, 30_000);
        ExecutorService calls = Executors.newFixedThreadPool(5);
        try {
            Future<?> first = calls.submit(() -> log.record("svc", UUID.randomUUID(), List.of(composed()), Instant.now()));
            assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> later = IntStream.range(0, 4).<Future<?>>mapToObj(i -> calls.submit(() ->
                    log.record("svc", UUID.randomUUID(), List.of(composed(), composed()), Instant.now()))).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.waitingCalls() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            release.countDown();

            first.get(10, TimeUnit.SECONDS);
            for (Future<?> call : later) {
                call.get(10, TimeUnit.SECONDS);
            }
            // one commit for the first call, one for the four that waited behind it (two cards each)
            assertThat(batches).containsExactly(1, 8);
        } finally {
            calls.shutdownNow();
        }
    }

    @Test
    void noCardsNoWrite() {
        IssuedCardLog log = new IssuedCardLog(database(null), command -> {
            throw new AssertionError("nothing to write");
        }, 5_000);

        log.record("svc", UUID.randomUUID(), List.of(), Instant.now());
    }
}

package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import health.flipside.facts.CardFeedback;
import health.flipside.services.PastOverride;
import health.flipside.services.PatientHistory;

/** The lookup on the request path degrades to "nothing known" and never blocks longer than its timeout. */
class PatientHistoryLookupTest {
    static final String KEY = "a".repeat(64);
    static final PatientHistory KNOWN = new PatientHistory(
            List.of(new PastOverride("f", "bp.x", Instant.EPOCH, "not-relevant", "warning", null, null)),
            new CardFeedback(Map.of("proms.x", Instant.EPOCH)));

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A store whose history takes {@code millis} and counts its calls. */
    static FeedbackStore store(long millis, AtomicInteger calls) {
        return new FeedbackStore((DataSource) null) {
            @Override
            public PatientHistory history(String patientKey, Instant since, Set<String> reasons) {
                calls.incrementAndGet();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return KNOWN;
            }
        };
    }

    @Test
    void aTimelyAnswerIsUsed() {
        PatientHistoryLookup lookup = new PatientHistoryLookup(FeedbackIssuedCardLogTest.database(store(0, new AtomicInteger())), pool, 2_000);

        assertThat(lookup.await(lookup.start(KEY, Instant.EPOCH, Set.of()))).isEqualTo(KNOWN);
    }

    @Test
    void aSlowDatabaseCostsAtMostTheTimeoutAndShowsEveryCard() {
        PatientHistoryLookup lookup = new PatientHistoryLookup(FeedbackIssuedCardLogTest.database(store(3_000, new AtomicInteger())), pool, 150);
        long started = System.nanoTime();

        PatientHistory history = lookup.await(lookup.start(KEY, Instant.EPOCH, Set.of()));

        assertThat(history).isEqualTo(PatientHistory.NONE);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void anUnavailableDatabaseShowsEveryCard() {
        PatientHistoryLookup lookup = new PatientHistoryLookup(FeedbackIssuedCardLogTest.database(null), pool, 2_000);

        assertThat(lookup.await(lookup.start(KEY, Instant.EPOCH, Set.of()))).isEqualTo(PatientHistory.NONE);
    }

    @Test
    void withoutAPatientKeyTheDatabaseIsNotAsked() {
        AtomicInteger calls = new AtomicInteger();
        PatientHistoryLookup lookup = new PatientHistoryLookup(FeedbackIssuedCardLogTest.database(store(0, calls)), pool, 2_000);

        assertThat(lookup.await(lookup.start((String) null, Instant.EPOCH, Set.of()))).isEqualTo(PatientHistory.NONE);
        assertThat(calls).hasValue(0);
    }
}

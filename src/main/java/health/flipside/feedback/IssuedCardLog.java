package health.flipside.feedback;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import health.flipside.cards.ComposedCard;
import health.flipside.services.CardsIssued;
import health.flipside.services.HelperThreads;
import health.flipside.services.HookCall;
import health.flipside.services.RuleMeasure;

/**
 * Records every card a hook call returns (the issued-cards log), so that feedback can be checked against it and
 * analytics can trace a card to its rules and templates. No patient data: ids, indicator and times only.
 *
 * <p>Never fails or stalls a hook call: the write runs on a helper thread ({@link HelperThreads}) and the call waits
 * for it at most {@code flipside.feedback.record.timeout.ms} (default 250 ms; 0 = do not wait). Normally the cards are
 * committed before the EHR gets them; if the database is slow the write finishes in the background, and if it is
 * unavailable the cards go out unrecorded (feedback on them is then refused as unknown). On PostgreSQL the commit is on
 * disk; the embedded H2 writes commits to its file within a second (datasource-h2.xml), so a killed server loses the
 * log of that last moment.
 *
 * <p>One writer at a time takes every call's cards waiting at that moment and commits them together (a group commit):
 * under load a commit, which on PostgreSQL flushes its log, serves several calls instead of one. A batch that
 * fails is logged for each of its calls. Failures are logged as a warning with the service,
 * hookInstance, card count and SQLState — never a message text, which could quote stored values.
 */
@ApplicationScoped
public class IssuedCardLog {
    private static final Logger LOG = Logger.getLogger(IssuedCardLog.class.getName());
    /** Calls whose cards may wait for the writer; beyond that a stalled database would only pile them up. */
    private static final int MAX_WAITING = 64;

    /** One call's cards, and when they are committed (or failed). */
    private record Waiting(List<IssuedCard> cards, CompletableFuture<Void> done) {
    }

    @Inject
    FeedbackDatabase database;

    @Inject
    PatientKeys keys;

    @Inject
    HelperThreads helpers;

    @Inject
    @ConfigProperty(name = "flipside.feedback.record.timeout.ms", defaultValue = "250")
    long timeoutMillis;

    /** Set by tests instead of the helper threads. */
    private Executor runner;

    private final BlockingQueue<Waiting> waiting = new ArrayBlockingQueue<>(MAX_WAITING);
    private final AtomicBoolean writing = new AtomicBoolean();
    private final ThrottledWarning warning = new ThrottledWarning(LOG);

    public IssuedCardLog() {
        // for CDI
    }

    /** Outside a container (tests): the given database, executor and wait. */
    public IssuedCardLog(FeedbackDatabase database, Executor runner, long timeoutMillis) {
        this(database, runner, timeoutMillis, null);
    }

    /** Outside a container (tests), with the patient keys the cards of a hook call are recorded under. */
    public IssuedCardLog(FeedbackDatabase database, Executor runner, long timeoutMillis, PatientKeys keys) {
        this.database = database;
        this.runner = runner;
        this.timeoutMillis = timeoutMillis;
        this.keys = keys;
    }

    /** The cards a hook call answers with (fired by the service): recorded under the keyed hash of its patient. */
    public void onCardsIssued(@Observes CardsIssued issued) {
        HookCall call = issued.call();
        String patientKey = keys == null ? null : keys.of(call).orElse(null);
        record(call.serviceId(), call.hookInstance(), patientKey, issued.measures(), issued.cards(), issued.at());
    }

    /** Records the cards of one answer; returns when they are committed, or after the timeout, or on failure. */
    public void record(String serviceId, UUID hookInstance, List<ComposedCard> cards, Instant issuedAt) {
        record(serviceId, hookInstance, null, Map.of(), cards, issuedAt);
    }

    /**
     * As above, for a patient: with the keyed hash of the patient (null when unknown) and, by rule id, the measures
     * alert hygiene compares later findings with.
     */
    public void record(String serviceId, UUID hookInstance, String patientKey, Map<String, RuleMeasure> measures,
                       List<ComposedCard> cards, Instant issuedAt) {
        if (cards.isEmpty()) {
            return;
        }
        String what = "service=" + serviceId + " hookInstance=" + hookInstance + " cards=" + cards.size();
        List<IssuedCard> issued;
        try {
            issued = cards.stream().map(c -> IssuedCard.of(c, serviceId, hookInstance, issuedAt).forPatient(patientKey, measures))
                    .toList();
        } catch (RuntimeException e) {
            warn("Issued cards not recorded (" + e.getClass().getSimpleName() + "): " + what);
            return;
        }
        CompletableFuture<Void> write = new CompletableFuture<>();
        if (!waiting.offer(new Waiting(issued, write))) {
            warn("Issued cards not recorded, " + MAX_WAITING + " calls already waiting on the database: " + what);
            return;
        }
        write.whenComplete((done, failure) -> {
            if (failure != null) {
                warn("Issued cards not recorded (" + describe(failure) + "): " + what);
            }
        });
        startWriter();
        if (timeoutMillis <= 0) {
            return; // configured not to wait: the cards go out while they are written
        }
        try {
            write.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            warn("Issued cards still being recorded after " + timeoutMillis + " ms; answering without waiting: " + what);
        } catch (ExecutionException e) {
            // logged by whenComplete
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the writer unless it is running; it stops when nothing waits. */
    private void startWriter() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        try {
            (runner != null ? runner : helpers.executor()).execute(this::writeWaiting);
        } catch (RejectedExecutionException e) {
            writing.set(false);
            failWaiting(new NoThread());
        }
    }

    /** Commits what waits, batch after batch, until nothing does. */
    private void writeWaiting() {
        try {
            List<Waiting> batch = new ArrayList<>();
            while (waiting.drainTo(batch) > 0) {
                try {
                    // on the helper thread: connecting again after a failure may take the connect timeout
                    database.store().recordIssued(batch.stream().flatMap(w -> w.cards().stream()).toList());
                    batch.forEach(w -> w.done().complete(null));
                } catch (SQLException e) {
                    RecordingFailed failed = new RecordingFailed(e);
                    batch.forEach(w -> w.done().completeExceptionally(failed));
                } catch (RuntimeException e) {
                    batch.forEach(w -> w.done().completeExceptionally(e));
                }
                batch.clear();
            }
        } finally {
            writing.set(false);
        }
        if (!waiting.isEmpty()) {
            startWriter(); // cards that came after the last look but before the writer stopped
        }
    }

    /** How many calls' cards wait for the writer (tests). */
    int waitingCalls() {
        return waiting.size();
    }

    private void failWaiting(RuntimeException failure) {
        List<Waiting> stranded = new ArrayList<>();
        waiting.drainTo(stranded);
        stranded.forEach(w -> w.done().completeExceptionally(failure));
    }

    private void warn(String message) {
        warning.warn(message);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RecordingFailed r) {
            return "SQLException SQLState " + r.sqlException.getSQLState();
        }
        if (cause instanceof FeedbackUnavailableException) {
            return "feedback storage unavailable";
        }
        if (cause instanceof NoThread) {
            return "no thread available";
        }
        return cause.getClass().getSimpleName();
    }

    /** The executor refused the writer: nothing could write the waiting cards. */
    private static final class NoThread extends RuntimeException {
        NoThread() {
            super(null, null, false, false);
        }
    }

    /** Carries the SQLException out of the helper thread without its message reaching a log. */
    private static final class RecordingFailed extends RuntimeException {
        private final transient SQLException sqlException;

        RecordingFailed(SQLException e) {
            super(null, null, false, false);
            this.sqlException = e;
        }
    }
}

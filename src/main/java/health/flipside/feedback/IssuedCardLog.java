package health.flipside.feedback;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import health.flipside.cards.ComposedCard;
import health.flipside.services.CardsIssued;
import health.flipside.services.HookCall;
import health.flipside.services.RuleMeasure;

/**
 * Records every card a hook call returns (the issued-cards log), so that feedback can be checked against it and
 * analytics can trace a card to its rules and templates. No patient data: ids, indicator and times only.
 *
 * <p>Never fails or stalls a hook call: the write runs on a managed thread and the call waits for it at most
 * {@code flipside.feedback.record.timeout.ms} (default 250 ms; 0 = do not wait). Normally the cards are committed
 * before the EHR gets them (measured here: about 2 ms for 3 cards on H2 or PostgreSQL, p99 12 ms on PostgreSQL and
 * 46 ms on H2 with its commit-to-file); if the database is slow the write finishes in the background, and if it is
 * unavailable the cards go out unrecorded (feedback on them is then refused as unknown). Failures are logged as a warning with the service,
 * hookInstance, card count and SQLState — never a message text, which could quote stored values.
 */
@ApplicationScoped
public class IssuedCardLog {
    private static final Logger LOG = Logger.getLogger(IssuedCardLog.class.getName());
    /** Writes in flight at once; beyond that a stalled database would only pile up threads. */
    private static final int MAX_IN_FLIGHT = 16;

    @Inject
    FeedbackDatabase database;

    @Inject
    PatientKeys keys;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "flipside.feedback.record.timeout.ms", defaultValue = "250")
    long timeoutMillis;

    /** Set by tests instead of the managed executor. */
    private Executor runner;

    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
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
        if (!inFlight.tryAcquire()) {
            warn("Issued cards not recorded, " + MAX_IN_FLIGHT + " writes already waiting on the database: " + what);
            return;
        }
        CompletableFuture<Void> write;
        try {
            write = CompletableFuture.runAsync(() -> {
                try {
                    // on the managed thread: connecting again after a failure may take the connect timeout
                    database.store().recordIssued(issued);
                } catch (SQLException e) {
                    throw new RecordingFailed(e);
                } finally {
                    inFlight.release();
                }
            }, runner != null ? runner : executor);
        } catch (RejectedExecutionException e) {
            inFlight.release();
            warn("Issued cards not recorded, no thread available: " + what);
            return;
        }
        write.whenComplete((done, failure) -> {
            if (failure != null) {
                warn("Issued cards not recorded (" + describe(failure) + "): " + what);
            }
        });
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
        return cause.getClass().getSimpleName();
    }

    /** Carries the SQLException out of the managed thread without its message reaching a log. */
    private static final class RecordingFailed extends RuntimeException {
        private final transient SQLException sqlException;

        RecordingFailed(SQLException e) {
            super(null, null, false, false);
            this.sqlException = e;
        }
    }
}

package health.flipside.feedback;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import health.flipside.services.CardsIssued;
import health.flipside.services.HelperThreads;
import health.flipside.services.HookCall;
import health.flipside.services.PastOverride;
import health.flipside.services.PatientHistory;
import health.flipside.services.PatientHistorySource;

/**
 * Alert hygiene's reads and writes on the request path: the patient's {@link PatientHistory}, looked up on a helper
 * thread while the FHIR data is being resolved (for the service, as its {@link PatientHistorySource}), and the count of
 * findings it suppressed (heard from {@link CardsIssued}).
 *
 * <p>Degrades, never blocks: a database that is unavailable, fails, or has not answered
 * {@code flipside.hygiene.timeout.ms} (default 300 ms) after the lookup started gives {@link PatientHistory#NONE} —
 * every card is shown, the item 9 card included. Warnings (one a minute) name the SQLState or the cause, never a key.
 * Nothing is kept in memory between calls: every replica reads the same database.
 */
@ApplicationScoped
public class PatientHistoryLookup implements PatientHistorySource {
    private static final Logger LOG = Logger.getLogger(PatientHistoryLookup.class.getName());

    @Inject
    FeedbackDatabase database;

    @Inject
    PatientKeys keys;

    @Inject
    HelperThreads helpers;

    @Inject
    @ConfigProperty(name = "flipside.hygiene.timeout.ms", defaultValue = "300")
    long timeoutMillis;

    /** Set by tests instead of the helper threads and the database bean. */
    private Executor runner;
    private final ThrottledWarning warning = new ThrottledWarning(LOG);

    public PatientHistoryLookup() {
        // for CDI
    }

    /** Outside a container (tests). */
    public PatientHistoryLookup(FeedbackDatabase database, Executor runner, long timeoutMillis) {
        this(database, runner, timeoutMillis, null);
    }

    /** Outside a container (tests), with the patient keys hook calls are looked up by. */
    public PatientHistoryLookup(FeedbackDatabase database, Executor runner, long timeoutMillis, PatientKeys keys) {
        this.database = database;
        this.runner = runner;
        this.timeoutMillis = timeoutMillis;
        this.keys = keys;
    }

    /** A lookup under way; {@link #await} it. */
    public record Pending(CompletableFuture<PatientHistory> future, long startedNanos) {
    }

    /** The call's patient by their key; no key (no patient id, alert hygiene off) reads nothing. */
    @Override
    public PatientHistorySource.Pending start(HookCall call, Instant since, Set<String> dealtWithReasons) {
        Pending pending = start(keys == null ? null : keys.of(call).orElse(null), since, dealtWithReasons);
        return () -> await(pending);
    }

    /**
     * Starts reading the overrides since {@code since} and the "dealt with" feedback of the patient; never throws.
     *
     * @param patientKey null when there is no patient key (no patient id, alert hygiene off): nothing to read
     */
    public Pending start(String patientKey, Instant since, Set<String> dealtWithReasons) {
        long started = System.nanoTime();
        if (patientKey == null) {
            return new Pending(CompletableFuture.completedFuture(PatientHistory.NONE), started);
        }
        try {
            return new Pending(CompletableFuture.supplyAsync(() -> {
                try {
                    return database.store().history(patientKey, since, dealtWithReasons);
                } catch (SQLException e) {
                    throw new LookupFailed("SQLException SQLState " + e.getSQLState());
                }
            }, executor()), started);
        } catch (RejectedExecutionException e) {
            warning.warn("Alert hygiene skipped for a call (no thread available): every card is shown");
            return new Pending(CompletableFuture.completedFuture(PatientHistory.NONE), started);
        }
    }

    /** The history, or {@link PatientHistory#NONE} when it failed or is not there within the timeout of its start. */
    public PatientHistory await(Pending pending) {
        long leftNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis) - (System.nanoTime() - pending.startedNanos());
        try {
            return pending.future().get(Math.max(0, leftNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.future().cancel(false);
            warning.warn("Alert hygiene skipped for a call: the feedback database did not answer within "
                    + timeoutMillis + " ms; every card is shown");
        } catch (ExecutionException e) {
            warning.warn("Alert hygiene skipped for a call (" + describe(e.getCause()) + "); every card is shown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return PatientHistory.NONE;
    }

    /** The findings a hook call left out (fired by the service with its cards). */
    void onCardsIssued(@Observes CardsIssued issued) {
        countSuppressed(issued.suppressed(), issued.at());
    }

    /** Counts the suppressed findings against their overrides, in the background; a failure only warns. */
    public void countSuppressed(List<PastOverride> overrides, Instant at) {
        if (overrides.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    database.store().countSuppressed(overrides, at);
                } catch (SQLException e) {
                    throw new LookupFailed("SQLException SQLState " + e.getSQLState());
                }
            }, executor()).whenComplete((done, failure) -> {
                if (failure != null) {
                    warning.warn("Suppressed findings not counted (" + describe(failure) + ")");
                }
            });
        } catch (RejectedExecutionException e) {
            warning.warn("Suppressed findings not counted (no thread available)");
        }
    }

    private Executor executor() {
        return runner != null ? runner : helpers.executor();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof LookupFailed f) {
            return f.getMessage();
        }
        if (cause instanceof FeedbackUnavailableException) {
            return "feedback storage unavailable";
        }
        return cause.getClass().getSimpleName();
    }

    /** Carries what may be logged (an SQLState) out of the helper thread, never an SQL message. */
    private static final class LookupFailed extends RuntimeException {
        LookupFailed(String safeDescription) {
            super(safeDescription, null, false, false);
        }
    }
}

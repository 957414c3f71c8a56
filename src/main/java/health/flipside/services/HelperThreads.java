package health.flipside.services;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads for the work a hook call waits on: its FHIR callbacks, the patient's earlier feedback (alert hygiene)
 * and the issued-cards log's writer; the trend view's fetches too.
 *
 * <p>Not the server's own pool: a call waits for this work while it holds one of the server's threads. When every
 * thread of that pool was such a call, the work it waited for was queued behind them and ran only once a wait timed
 * out. Under 8 concurrent calls on 2 cores, before these threads: the server kept 6 to 10 threads, all of them at
 * times waiting for the feedback database, which waited for a thread; alert hygiene was skipped ("every card is
 * shown"), cards went out unrecorded after 250 ms, and the CPU stood idle (bench/README.md).
 *
 * <p>The threads come from the server's {@link ManagedThreadFactory}, so the work runs with the application's
 * context. At most {@code flipside.helper.threads} (default 32) run at once, idle ones end after a minute, and at most
 * {@value #QUEUED} tasks wait for one; beyond that a task is refused (RejectedExecutionException) and its caller goes
 * on without it, as it does when the work is late.
 */
@ApplicationScoped
public class HelperThreads {
    private static final int QUEUED = 1024;

    @Resource
    ManagedThreadFactory factory;

    @Inject
    @ConfigProperty(name = "flipside.helper.threads", defaultValue = "32")
    int threads;

    private ExecutorService pool;

    @PostConstruct
    void start() {
        pool = create(factory, threads);
    }

    /**
     * Heard while the server starts: it makes the bean, so that a bad {@code flipside.helper.threads} stops start-up,
     * naming it, instead of failing the first hook call.
     */
    void onStart(@Observes Startup event) {
        // nothing more: start() ran when the bean was made to hear this
    }

    public Executor executor() {
        return pool;
    }

    /** A pool of at most {@code threads} threads from {@code factory}; idle threads end after a minute. */
    static ExecutorService create(ThreadFactory factory, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("flipside.helper.threads must be at least 1, not " + threads);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUED), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}

package health.flipside.feedback;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A warning that a down database would otherwise log on every hook call: at most one a minute, with the number left
 * out since.
 */
final class ThrottledWarning {
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarning(Logger log) {
        this.log = log;
    }

    void warn(String message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (last != 0 && now - last < INTERVAL_NANOS) {
            suppressed.incrementAndGet();
            return;
        }
        if (lastWarning.compareAndSet(last, now)) {
            long skipped = suppressed.getAndSet(0);
            log.warning(message + (skipped > 0 ? " (" + skipped + " similar warnings suppressed in the last minute)" : ""));
        } else {
            suppressed.incrementAndGet();
        }
    }
}

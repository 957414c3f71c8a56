package health.flipside.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The helper threads' bounds: how many run at once, how many tasks may wait, and a refusal beyond that. */
class HelperThreadsTest {
    @Test
    void atMostTheConfiguredThreadsRunAndATaskBeyondTheQueueIsRefused() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ThreadFactory counting = task -> {
            made.incrementAndGet();
            return new Thread(task);
        };
        ExecutorService pool = HelperThreads.create(counting, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        AtomicInteger ran = new AtomicInteger();
        Runnable blocked = () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
        };
        try {
            for (int i = 0; i < 2 + 1024; i++) { // two running, the rest waiting
                pool.execute(blocked);
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> pool.execute(blocked)).isInstanceOf(RejectedExecutionException.class);
            assertThat(made.get()).isEqualTo(2);

            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran.get()).as("every accepted task ran").isEqualTo(2 + 1024);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void fewerThanOneThreadIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> HelperThreads.create(Thread::new, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flipside.helper.threads");
    }
}

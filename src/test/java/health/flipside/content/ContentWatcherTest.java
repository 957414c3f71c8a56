package health.flipside.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File changes under watched folders, nested and new ones included, become one call once they are quiet. */
class ContentWatcherTest {
    @TempDir
    Path temp;

    @Test
    void aBurstOfChangesIsOneReload() throws Exception {
        Path rules = Files.createDirectories(temp.resolve("rules/bp"));
        Path cards = Files.createDirectories(temp.resolve("cds-cards"));
        AtomicInteger calls = new AtomicInteger();
        Semaphore called = new Semaphore(0);
        try (ContentWatcher watcher = new ContentWatcher(List.of(temp.resolve("rules"), cards), Duration.ofMillis(300), () -> {
            calls.incrementAndGet();
            called.release();
        })) {
            Thread thread = new Thread(watcher, "watcher-test");
            thread.start();

            for (int i = 0; i < 5; i++) {
                Files.writeString(rules.resolve("home.drl"), "rule " + i);
                Thread.sleep(20);
            }
            assertThat(called.tryAcquire(10, TimeUnit.SECONDS)).as("a reload after the burst").isTrue();
            assertThat(called.tryAcquire(1, TimeUnit.SECONDS)).as("only one").isFalse();

            Path topic = Files.createDirectories(temp.resolve("rules/glucose"));
            assertThat(called.tryAcquire(10, TimeUnit.SECONDS)).as("a new topic folder").isTrue();
            Files.writeString(topic.resolve("thresholds.yaml"), "topic: glucose");
            assertThat(called.tryAcquire(10, TimeUnit.SECONDS)).as("a file in the new folder").isTrue();

            Files.writeString(cards.resolve("x.yaml"), "id: x");
            assertThat(called.tryAcquire(10, TimeUnit.SECONDS)).as("a card").isTrue();

            watcher.close();
            thread.join(5000);
            assertThat(thread.isAlive()).as("closing stops the watcher").isFalse();
        }
    }
}

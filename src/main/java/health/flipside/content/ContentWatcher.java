package health.flipside.content;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Watches folders (and every folder below them, including new ones) and calls {@code onChange} once the files have
 * been quiet for {@code quiet}: an editor's save, or a git checkout touching ten files, becomes one reload, not ten
 * reloads of half-written files. Run it on a thread of its own; {@link #close()} ends {@link #run()}.
 */
public final class ContentWatcher implements Runnable, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ContentWatcher.class.getName());

    private final WatchService watcher;
    private final Duration quiet;
    private final Runnable onChange;

    public ContentWatcher(List<Path> roots, Duration quiet, Runnable onChange) throws IOException {
        this.watcher = FileSystems.getDefault().newWatchService();
        this.quiet = quiet;
        this.onChange = onChange;
        for (Path root : roots) {
            registerTree(root);
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                handle(watcher.take());
                // debounce: keep taking events until the folders have been quiet long enough
                WatchKey more;
                while ((more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    handle(more);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Reload after a file change failed", e);
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closed: stop watching
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == ENTRY_CREATE) {
                Path created = dir.resolve((Path) event.context());
                if (Files.isDirectory(created)) {
                    registerTree(created); // a new topic folder: its files count too
                }
            }
        }
        key.reset();
    }

    private void registerTree(Path root) {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        } catch (IOException e) {
            LOG.warning("Cannot watch " + root + " for changes: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}

package health.flipside.authoring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiConsumer;

import health.flipside.services.LoadedContent;

/**
 * A safe reload: the folders go through the {@link ContentGate}; only an accepted set is handed to {@code swap}.
 * One reload at a time — a file change and an admin request arriving together run one after the other, each on
 * what the folders hold when it starts.
 */
public final class Reloader {
    private final Path rulesDir;
    private final Path cardsDir;
    private final BiConsumer<LoadedContent, Instant> swap;
    private final Clock clock;
    private final ReportText text;

    public Reloader(Path rulesDir, Path cardsDir, BiConsumer<LoadedContent, Instant> swap, Clock clock) {
        this.rulesDir = rulesDir;
        this.cardsDir = cardsDir;
        this.swap = swap;
        this.clock = clock;
        Path root = rulesDir.toAbsolutePath().normalize().getParent();
        this.text = new ReportText(root == null ? rulesDir : root);
    }

    public synchronized ReloadReport reload(String trigger) {
        ContentGate.Report report = new ContentGate(rulesDir, cardsDir).evaluate();
        Instant at = clock.instant();
        if (report.accepted()) {
            swap.accept(report.content(), at);
        }
        return ReloadReport.of(report, trigger, at, text);
    }
}

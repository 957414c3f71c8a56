package health.flipside.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import health.flipside.authoring.ContentWatcher;
import health.flipside.authoring.ReloadReport;
import health.flipside.authoring.Reloader;
import health.flipside.services.ContentHolder;

/**
 * Loads the rules and card texts at start-up and reloads them safely afterwards: when files under rules/ or
 * cds-cards/ change (watched, debounced) and on {@code POST /admin/reload}. A set that does not compile, or fails
 * a check or a scenario, is refused — at start-up Flipside then does not start; later the previous set keeps
 * serving and the refusal is logged (file and line), counted, and shown at /admin/rules and /health/ready.
 */
@ApplicationScoped
public class ContentReloader {
    private static final Logger LOG = Logger.getLogger(ContentReloader.class.getName());

    @Inject
    ContentHolder holder;

    @Inject
    MetricRegistry metrics;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "flipside.rules.dir")
    String rulesDir;

    @Inject
    @ConfigProperty(name = "flipside.cards.dir")
    String cardsDir;

    /** Off in a deployment whose content never changes in place; on by default so authors see edits at once. */
    @Inject
    @ConfigProperty(name = "flipside.content.watch", defaultValue = "true")
    boolean watch;

    @Inject
    @ConfigProperty(name = "flipside.content.watch.quiet.ms", defaultValue = "500")
    long quietMillis;

    private Reloader reloader;
    private volatile ReloadReport last;
    private volatile ReloadReport lastRefusal;
    private ContentWatcher watcher;
    private Thread watching;

    /** At start-up, not on first request: a set that is refused must stop the server from starting. */
    void onStart(@Observes Startup event) {
        reloader = new Reloader(Path.of(rulesDir), Path.of(cardsDir), holder::swap, clock);
        metrics.gauge("flipside_rules_serving", holder, h -> h.current() == null ? 0 : h.current().rules().ruleCount());
        ReloadReport report = reload("start-up");
        if (!report.swapped()) {
            throw new IllegalStateException("Flipside cannot start: the rules or card texts are refused: " + report.summary());
        }
        if (watch) {
            startWatching();
        }
    }

    /** Runs the gate and swaps when it passes; never throws for bad content. */
    public ReloadReport reload(String trigger) {
        ReloadReport report = reloader.reload(trigger);
        last = report;
        metrics.counter("flipside_rule_reloads_total", new Tag("outcome", report.status())).inc();
        if (report.swapped()) {
            LOG.info(() -> "Rules " + report.status() + " (" + trigger + "): " + report.ruleCount() + " rules, "
                    + report.scenarios() + " scenarios passed, " + report.millis() + " ms, from " + rulesDir + " and " + cardsDir);
        } else {
            lastRefusal = report;
            LOG.warning(() -> "Rule reload refused, the previous set keeps serving: " + report.summary());
        }
        return report;
    }

    public ReloadReport last() {
        return last;
    }

    public ReloadReport lastRefusal() {
        return lastRefusal;
    }

    public boolean watching() {
        return watching != null && watching.isAlive();
    }

    public Path rulesDir() {
        return Path.of(rulesDir);
    }

    public Path cardsDir() {
        return Path.of(cardsDir);
    }

    private void startWatching() {
        try {
            watcher = new ContentWatcher(List.of(Path.of(rulesDir), Path.of(cardsDir)), Duration.ofMillis(quietMillis),
                    () -> reload("file change"));
            watching = threads.newThread(watcher);
            watching.setName("flipside-content-watcher");
            watching.start();
        } catch (IOException e) {
            LOG.warning("Cannot watch " + rulesDir + " and " + cardsDir + " for changes (use POST /admin/reload): " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            LOG.fine(() -> "Closing the content watcher: " + e.getMessage());
        }
        if (watching != null) {
            watching.interrupt();
        }
    }
}

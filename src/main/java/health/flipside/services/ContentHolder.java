package health.flipside.services;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds the rules and card texts that serve requests. Loaded once at start-up; a load failure stops start-up
 * with the message naming the file and line. Requests read one immutable {@link LoadedContent}.
 */
@ApplicationScoped
public class ContentHolder {
    private static final Logger LOG = Logger.getLogger(ContentHolder.class.getName());

    private final AtomicReference<LoadedContent> current = new AtomicReference<>();

    @Inject
    @ConfigProperty(name = "flipside.rules.dir")
    String rulesDir;

    @Inject
    @ConfigProperty(name = "flipside.cards.dir")
    String cardsDir;

    /** At start-up, not on first request: a rule set that does not compile must stop the server from starting. */
    void onStart(@Observes Startup event) {
        load();
    }

    void load() {
        long started = System.nanoTime();
        LoadedContent content = LoadedContent.load(Path.of(rulesDir), Path.of(cardsDir));
        current.set(content);
        LOG.info(() -> "Loaded " + content.rules().ruleCount() + " rules from " + rulesDir + " and card templates from "
                + cardsDir + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    public LoadedContent current() {
        return current.get();
    }
}

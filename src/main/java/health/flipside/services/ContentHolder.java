package health.flipside.services;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Holds the rules and card texts that serve requests, as one immutable value swapped atomically: a request reads
 * {@link #current()} once and uses that value throughout, so it never sees half of a reload. What gets swapped in,
 * and when, is decided by the reload gate (health.flipside.content.ContentReloader).
 */
@ApplicationScoped
public class ContentHolder {
    /** The content serving, and since when. */
    public record Serving(LoadedContent content, Instant loadedAt) {
    }

    private final AtomicReference<Serving> serving = new AtomicReference<>();

    /** The content serving now, or null before the first set is accepted. */
    public LoadedContent current() {
        Serving now = serving.get();
        return now == null ? null : now.content();
    }

    public Serving serving() {
        return serving.get();
    }

    public void swap(LoadedContent content, Instant at) {
        serving.set(new Serving(content, at));
    }
}

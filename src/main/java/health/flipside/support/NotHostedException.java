package health.flipside.support;

import jakarta.ws.rs.NotFoundException;

/** A 404 for a CDS service id Flipside does not host; its message is Flipside's own and safe to send. */
public class NotHostedException extends NotFoundException {
    /** @param id the path segment as the caller sent it; echoed short and printable only */
    public NotHostedException(String id) {
        super("No CDS service '" + printable(id) + "' is hosted here");
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}

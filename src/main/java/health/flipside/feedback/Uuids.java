package health.flipside.feedback;

import java.util.Locale;
import java.util.UUID;

/** Card and suggestion ids are UUIDs; stored and compared in their canonical lower-case form. */
final class Uuids {
    private Uuids() {
    }

    /** The canonical form, or null when the text is not a UUID in the 8-4-4-4-12 hex form. */
    static String canonical(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            String canonical = UUID.fromString(text).toString();
            return canonical.equals(text.toLowerCase(Locale.ROOT)) ? canonical : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String normalize(String uuid) {
        String canonical = canonical(uuid);
        if (canonical == null) {
            throw new IllegalArgumentException("Not a UUID: " + uuid);
        }
        return canonical;
    }
}

package health.flipside.support;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request body as it arrived: its bytes, already checked to be text in {@code charset} ({@link BodyReader}).
 *
 * <p>A UTF-8 body (JSON's own encoding, RFC 8259, and what every EHR sends) is parsed from these bytes as they are:
 * a prefetch of megabytes is never copied into a String and then into chars, each a copy of the whole body large
 * enough for the collector to handle apart (G1's humongous objects), which is what made the tail of a hook call.
 */
public record RequestBody(byte[] bytes, Charset charset) {
    /** Text as a body: for callers that hold the request as a String (the preview console, tests, examples). */
    public static RequestBody of(String text) {
        return new RequestBody(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The body as text; exact, since {@link BodyReader} refused bytes that are not text in its charset. */
    public String text() {
        return new String(bytes, charset);
    }

    /** Whether the body is UTF-8: a parser then reads {@link #bytes} as they are, and its offsets are in bytes. */
    public boolean isUtf8() {
        return charset.equals(StandardCharsets.UTF_8);
    }

    /** Nothing but white space (an empty body). */
    boolean isBlank() {
        if (!isUtf8()) {
            return text().isBlank();
        }
        for (byte b : bytes) {
            if (b < 0 || !Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}

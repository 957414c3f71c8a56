package health.flipside.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Reads a request body within {@link RequestLimits} (issue 10, points 2 and 5) and checks that it is text in its
 * charset, without copying it: one array of the body's length when the length is declared. Every way a body can fail
 * to be read — too large as sent or once decompressed, a Content-Encoding it does not carry, a charset nobody
 * knows, bytes that are not text in that charset, broken chunked framing — is a 413 or a 400 naming the problem,
 * never an exception the server turns into an empty 500. The resources read their body here, after the JWT check,
 * so an unauthenticated caller cannot make Flipside read anything.
 */
public final class BodyReader {
    /** Content-Encodings the HTTP server decodes before Flipside reads the body. */
    private static final Set<String> DECODED = Set.of("gzip", "x-gzip", "deflate");

    private BodyReader() {
    }

    public static RequestBody read(InputStream body, HttpHeaders headers, RequestLimits.Values limits) {
        String encoding = headers.getHeaderString("Content-Encoding");
        boolean encoded = encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
        if (encoded && !DECODED.contains(encoding.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException("$", "Content-Encoding '" + printable(encoding)
                    + "' is not supported; send the body as is, or gzip or deflate encoded");
        }
        long declared = headers.getLength();
        if (declared > limits.bodyBytes()) {
            throw PayloadTooLargeException.body(declared, limits.bodyBytes());
        }
        Charset charset = charset(headers.getMediaType());
        byte[] bytes = encoded ? bytes(body, limits.decompressedBytes(), true, encoding, -1)
                : bytes(body, limits.bodyBytes(), false, null, declared);
        checkText(bytes, charset);
        return new RequestBody(bytes, charset);
    }

    /**
     * Strict: a byte sequence that is not text in this charset is refused, not read as U+FFFD. Decoded a few thousand
     * characters at a time into one small buffer, so the check allocates nothing the size of the body.
     */
    private static void checkText(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer scratch = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            scratch.clear();
            result = decoder.decode(in, scratch, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            scratch.clear();
            result = decoder.flush(scratch);
        }
        if (result.isError()) {
            throw new InvalidRequestException("$", "Request body is not valid " + charset.name() + " text");
        }
    }

    private static Charset charset(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8; // RFC 8259: JSON exchanged between systems is UTF-8
        }
        try {
            return Charset.forName(name.trim().replace("\"", ""));
        } catch (IllegalArgumentException e) { // unsupported or illegal name
            throw new InvalidRequestException("$", "Content-Type charset '" + printable(name) + "' is not supported; send UTF-8");
        }
    }

    /**
     * @param declared the Content-Length (within the limit), or -1 when the body is chunked or decoded: a declared
     *                 length is read into one array of that length, never grown and copied
     */
    private static byte[] bytes(InputStream body, long limit, boolean decompressed, String encoding, long declared) {
        ByteArrayOutputStream out = null;
        long total = 0;
        try {
            if (declared >= 0) {
                byte[] exact = new byte[(int) declared];
                if (body.readNBytes(exact, 0, exact.length) < exact.length) {
                    throw new EOFException("shorter than its Content-Length");
                }
                return exact;
            }
            out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            int read;
            while ((read = body.read(buffer)) != -1) {
                total += read;
                if (total > limit) {
                    break;
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            // The server's message names its own classes; say what is wrong in the request instead.
            throw new InvalidRequestException("$", decompressed
                    ? "Request body is not valid " + printable(encoding).toLowerCase(Locale.ROOT) + " data (Content-Encoding)"
                    : "Request body could not be read (broken chunked transfer encoding or a body shorter than its Content-Length)");
        } finally {
            closeQuietly(body);
        }
        if (total > limit) {
            throw decompressed ? PayloadTooLargeException.decompressed(limit) : PayloadTooLargeException.body(total, limit);
        }
        return out.toByteArray();
    }

    /** Not try-with-resources: the server's stream throws its read failure again on close, as the same exception. */
    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException | RuntimeException e) {
            // already answered or about to be
        }
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._+-]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }
}

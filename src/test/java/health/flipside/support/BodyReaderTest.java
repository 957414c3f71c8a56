package health.flipside.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.examples.ExamplePatients;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The body is read into one array and parsed from its bytes when UTF-8, yet refused exactly as before: bytes that
 * are not text in the charset, a body shorter than its Content-Length, an empty body, and a body that only a guess at
 * another encoding would make JSON.
 */
class BodyReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RequestLimits.Values LIMITS = RequestLimits.Values.defaults();

    /** The headers BodyReader reads: Content-Type (with its charset), Content-Length, Content-Encoding. */
    private static HttpHeaders headers(String contentType, long length) {
        return (HttpHeaders) Proxy.newProxyInstance(BodyReaderTest.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMediaType" -> mediaType(contentType);
                    case "getLength" -> (int) length;
                    case "getHeaderString" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** "application/json; charset=…" as the server would parse it (MediaType.valueOf needs a JAX-RS runtime). */
    private static MediaType mediaType(String contentType) {
        String[] parts = contentType.split(";\\s*charset=");
        return parts.length == 1 ? MediaType.APPLICATION_JSON_TYPE
                : new MediaType("application", "json", java.util.Map.of(MediaType.CHARSET_PARAMETER, parts[1]));
    }

    private static RequestBody read(byte[] bytes, String contentType) {
        return BodyReader.read(new ByteArrayInputStream(bytes), headers(contentType, bytes.length), LIMITS);
    }

    private static JsonNode parsed(byte[] bytes, String contentType) {
        return JsonBodies.object(MAPPER, read(bytes, contentType), "a test body");
    }

    @Test
    void everyExampleRequestParsesFromItsBytesToTheTreeItsTextGives() throws Exception {
        for (ExamplePatients.Example example : ExamplePatients.ALL) {
            String text = ExamplePatients.hookRequest(example, Instant.now()).toString();

            assertThat(parsed(text.getBytes(StandardCharsets.UTF_8), "application/json")).as(example.name())
                    .isEqualTo(MAPPER.readTree(text));
        }
    }

    @Test
    void textBeyondAsciiReadsAsWritten() {
        byte[] body = "{\"name\":\"Müller ≥ 130 – 😀\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(parsed(body, "application/json").get("name").asText()).isEqualTo("Müller ≥ 130 – 😀");
        assertThat(parsed(body, "application/json; charset=utf-8").get("name").asText()).isEqualTo("Müller ≥ 130 – 😀");
    }

    @Test
    void anotherCharsetIsDecodedBeforeParsing() {
        byte[] latin1 = "{\"name\":\"José\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"name\":\"José\"}".getBytes(StandardCharsets.UTF_16);

        assertThat(parsed(latin1, "application/json; charset=ISO-8859-1").get("name").asText()).isEqualTo("José");
        assertThat(parsed(utf16, "application/json; charset=UTF-16").get("name").asText()).isEqualTo("José");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWhereverTheyAre() {
        byte[] prefix = ("{\"padding\":\"" + "x".repeat(20_000) + "\",\"name\":\"").getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}}) {
            byte[] body = new byte[prefix.length + bad.length + 2];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(bad, 0, body, prefix.length, bad.length);
            body[body.length - 2] = '"';
            body[body.length - 1] = '}';

            assertThatThrownBy(() -> read(body, "application/json")).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Request body is not valid UTF-8 text");
        }
    }

    @Test
    void utf16SentAsUtf8IsNotJson() {
        byte[] body = "{\"hook\":\"patient-view\"}".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> parsed(body, "application/json")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Request body is not valid JSON");
    }

    @Test
    void aBodyShorterThanItsContentLengthIsRefused() {
        byte[] body = "{\"hook\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(body), headers("application/json", body.length + 10), LIMITS))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("shorter than its Content-Length");
    }

    @Test
    void aBlankBodyIsEmptyInEveryCharset() {
        assertThatThrownBy(() -> parsed(" \r\n\t".getBytes(StandardCharsets.UTF_8), "application/json"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Request body is empty");
        assertThatThrownBy(() -> parsed("  ".getBytes(StandardCharsets.UTF_16), "application/json; charset=UTF-16"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Request body is empty");
        assertThatThrownBy(() -> parsed(new byte[0], "application/json"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Request body is empty");
    }

    @Test
    void aBodyWithoutContentLengthIsStillReadWhole() {
        byte[] body = ("{\"padding\":\"" + "y".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        RequestBody read = BodyReader.read(new ByteArrayInputStream(body), headers("application/json", -1), LIMITS);

        assertThat(read.bytes()).isEqualTo(body);
    }
}

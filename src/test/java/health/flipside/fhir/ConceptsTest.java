package health.flipside.fhir;

import static health.flipside.fhir.JsonTokens.firstField;
import static health.flipside.fhir.JsonTokens.nextField;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.fhir.JsonTokens.Unusual;

/**
 * A concept whose bytes repeat one read before in the same body is that concept, and the parser goes on after it as
 * if it had been read; any other concept is read from its tokens.
 */
class ConceptsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {"text": …} objects, counting what it was asked to read; "unusual" as a text is unusual. */
    private static final class CountingReader implements Concepts.TokenReader {
        private final Concepts concepts;
        final List<String> read = new ArrayList<>();

        CountingReader(Concepts concepts) {
            this.concepts = concepts;
        }

        @Override
        public Concept read(JsonParser p) throws Unusual, IOException {
            String text = null;
            for (String name = firstField(p); name != null; name = nextField(p)) {
                JsonTokens.require(name.equals("text"));
                text = p.getText();
            }
            read.add(text);
            JsonTokens.require(!"unusual".equals(text));
            return concepts.of(text, List.of());
        }
    }

    /** The concepts of a JSON array of them, each read through {@code concepts}; null for one that was unusual. */
    private static List<Concept> readAll(JsonParser p, Concepts concepts, CountingReader reader) throws IOException {
        List<Concept> all = new ArrayList<>();
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int depth = p.getParsingContext().getNestingDepth();
            try {
                all.add(concepts.read(p, reader));
            } catch (Unusual e) {
                JsonTokens.skipToEnd(p, depth);
                all.add(null);
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        }
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
        return all;
    }

    @Test
    void repeatedBytesAreTheConceptReadBeforeAndTheParserGoesOnAfterThem() throws IOException {
        byte[] body = """
                [{"text":"BP"},{"text":"BP"},{"text": "BP"},{"text":"HR"},{"text":"BP"},{"text":"HR"},{"text":"BPX"}]\
                """.getBytes(StandardCharsets.UTF_8);
        Concepts concepts = new Concepts(body);
        CountingReader reader = new CountingReader(concepts);
        try (JsonParser p = JSON.createParser(body)) {
            List<Concept> all = readAll(p, concepts, reader);

            // Read from tokens: the first "BP", its copy spaced otherwise, the first "HR", and "BPX" (its bytes begin
            // as a "BP" object's but are not one).
            assertThat(reader.read).containsExactly("BP", "BP", "HR", "BPX");
            assertThat(all).extracting(Concept::text).containsExactly("BP", "BP", "BP", "HR", "BP", "HR", "BPX");
            assertThat(all.get(1)).isSameAs(all.get(0));
            assertThat(all.get(2)).isSameAs(all.get(0)); // equal, though read from other bytes
            assertThat(all.get(4)).isSameAs(all.get(0));
            assertThat(all.get(5)).isSameAs(all.get(3));
        }
    }

    @Test
    void anUnusualConceptIsReadAgainEachTime() throws IOException {
        byte[] body = "[{\"text\":\"unusual\"},{\"text\":\"unusual\"}]".getBytes(StandardCharsets.UTF_8);
        Concepts concepts = new Concepts(body);
        CountingReader reader = new CountingReader(concepts);
        try (JsonParser p = JSON.createParser(body)) {
            assertThat(readAll(p, concepts, reader)).containsExactly(null, null);
        }
        assertThat(reader.read).containsExactly("unusual", "unusual");
    }

    @Test
    void withoutTheBodysBytesEveryConceptIsReadFromItsTokens() throws IOException {
        String body = "[{\"text\":\"BP\"},{\"text\":\"BP\"}]";
        Concepts concepts = new Concepts();
        CountingReader reader = new CountingReader(concepts);
        try (JsonParser p = JSON.createParser(body)) {
            List<Concept> all = readAll(p, concepts, reader);
            assertThat(all.get(1)).isSameAs(all.get(0));
        }
        assertThat(reader.read).containsExactly("BP", "BP");
    }
}

package health.flipside.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Where things are in an author's file, so a refusal can name the line: the values of a JSON or YAML file by JSON
 * pointer.
 */
public final class SourceLines {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFactory YAML = new YAMLFactory();

    private SourceLines() {
    }

    /**
     * The 1-based line of every field and array element, by JSON pointer ({@code /thresholds/homeHighSystolic},
     * {@code /expect/cards/0/summaryContains/1}); empty when the file does not parse (the parser's own error says
     * where).
     */
    public static Map<String, Integer> index(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        JsonFactory factory = file.getFileName().toString().endsWith(".json") ? JSON : YAML;
        try (JsonParser parser = factory.createParser(file.toFile())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.END_ARRAY && token != JsonToken.END_OBJECT) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // a file that does not parse is reported by whoever parses it, with the parser's location
        }
        return lines;
    }

    /** The line of {@code pointer}, or of its nearest parent that has one; 0 when none does. */
    public static int lineOf(Map<String, Integer> index, String pointer) {
        String at = pointer;
        while (!at.isEmpty()) {
            Integer line = index.get(at);
            if (line != null) {
                return line;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
        return 0;
    }
}

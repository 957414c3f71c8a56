package health.flipside.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import health.flipside.support.CdsHooksSchemas;

/**
 * examples/*.json are generated from {@link ExamplePatients}; this test fails when a file is stale or hand-edited.
 * Regenerate with {@code mvn test -Dtest=ExampleFilesTest -Dexamples.write=true}.
 */
class ExampleFilesTest {
    static final Path EXAMPLES = Path.of("examples");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<ExamplePatients.Example> examples() {
        return ExamplePatients.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleFileMatchesItsGenerator(ExamplePatients.Example example) throws Exception {
        String generated = JSON.writeValueAsString(ExamplePatients.hookRequest(example, ExamplePatients.ANCHOR)) + "\n";
        Path file = EXAMPLES.resolve(example.name() + ".json");
        if (Boolean.getBoolean("examples.write")) {
            Files.createDirectories(EXAMPLES);
            Files.writeString(file, generated);
        }
        CdsHooksSchemas.assertValidHookRequest(generated);
        assertThat(file).as("examples/%s.json (regenerate with -Dexamples.write=true)", example.name()).exists();
        assertThat(Files.readString(file)).isEqualTo(generated);
    }
}

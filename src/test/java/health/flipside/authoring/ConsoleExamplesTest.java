package health.flipside.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The console's example patients: every bundled example, described by examples/README.md, dates moved to now. */
class ConsoleExamplesTest {

    @Test
    void examplesAreListedWithTheirCaseAndMovedToNow() throws Exception {
        Instant now = Instant.parse("2026-12-01T09:00:00Z"); // 10 whole days after the examples' anchor

        List<ExampleFiles.Example> examples = ExampleFiles.list(Path.of("examples"), now);

        assertThat(examples).extracting(ExampleFiles.Example::name).contains("vignette-1-masked-uncontrolled", "critical-home-reading");
        ExampleFiles.Example vignette = examples.stream().filter(e -> e.name().equals("vignette-1-masked-uncontrolled")).findFirst().orElseThrow();
        assertThat(vignette.description()).contains("vignette 1");
        assertThat(vignette.expected()).contains("masked uncontrolled");
        assertThat(vignette.request()).contains("\"2026-11-29T21:00:00-05:00\""); // the last reading (19 Nov) moved 10 days
        assertThat(vignette.request()).doesNotContain("99ed510a-6941-3c93-9757-9496f2526513"); // a fresh hookInstance
    }
}

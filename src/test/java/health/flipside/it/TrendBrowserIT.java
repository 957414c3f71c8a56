package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import health.flipside.it.support.FhirTestServer;

/**
 * The trend view end to end in a real browser: src/test/browser/trend.test.mjs loads example patients into the test
 * FHIR server, starts the demo EHR (dev/demo/ehr.mjs) in front of it, opens each chart, follows the card's SMART link
 * through the EHR launch and checks the view; screenshots are kept in target/trend-screenshots/.
 */
class TrendBrowserIT {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("trend.screenshots", "target/trend-screenshots"));

    @Test
    void theTrendViewRendersForTheExamplesThroughAnEhrLaunch() throws Exception {
        String fhirBase = FhirTestServer.ensureRunning();
        Files.createDirectories(SCREENSHOTS);

        BrowserTest.Result result = BrowserTest.node("trend.test.mjs", Map.of("FHIR_BASE", fhirBase,
                "EHR_PORT", System.getProperty("demo.ehr.port", "9070"),
                "SCREENSHOT_DIR", SCREENSHOTS.toAbsolutePath().toString()), 600);

        assertThat(result.exitCode()).as(result.output()).isZero();
        try (Stream<Path> shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.map(p -> p.getFileName().toString())).contains("vignette-1-masked-uncontrolled.png",
                    "vignette-3-cgm-hypoglycaemia.png", "problem-expired-token.png");
        }
    }
}

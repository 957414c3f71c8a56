package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The card preview console in a real browser: runs src/test/browser/console.test.mjs (playwright-core driving
 * Debian's Chromium, installed by .ci/run) against the running server, and keeps its screenshot in
 * target/console-screenshot.png.
 */
class ConsoleBrowserIT {
    private static final Path SCREENSHOT = Path.of(System.getProperty("browser.screenshot", "target/console-screenshot.png"));

    @Test
    void theConsoleRendersTheCardsOfAnExamplePatient() throws Exception {
        Files.deleteIfExists(SCREENSHOT);
        Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());

        BrowserTest.Result result = BrowserTest.node("console.test.mjs", Map.of("ADMIN_PASSWORD", Admin.password(),
                "SCREENSHOT", SCREENSHOT.toAbsolutePath().toString()), 240);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(SCREENSHOT).as("the screenshot kept as a test artifact").isNotEmptyFile();
    }
}

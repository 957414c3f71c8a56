package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The card preview console in a real browser: runs src/test/browser/console.test.mjs (playwright-core driving
 * Debian's Chromium, installed by .ci/run) against the running server, and keeps its screenshot in
 * target/console-screenshot.png. Fails — never skips — when Node or Chromium is missing, saying what to install.
 */
class ConsoleBrowserIT {
    private static final Path BROWSER_TEST = Path.of(System.getProperty("browser.test.dir", "src/test/browser"));
    private static final Path SCREENSHOT = Path.of(System.getProperty("browser.screenshot", "target/console-screenshot.png"));
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    @Test
    void theConsoleRendersTheCardsOfAnExamplePatient() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Chromium for the console test: apt-get install chromium (.ci/run does)").isExecutable();
        if (!Files.isDirectory(BROWSER_TEST.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300); // .ci/run installs them; a fresh clone may not have
        }
        Files.deleteIfExists(SCREENSHOT);
        Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());

        Result result = run(List.of("node", "console.test.mjs"), 240);

        System.out.println(result.output());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(SCREENSHOT).as("the screenshot kept as a test artifact").isNotEmptyFile();
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("flipside-browser-test", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_TEST.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BASE_URL", Flipside.BASE);
        builder.environment().put("ADMIN_PASSWORD", Admin.password());
        builder.environment().put("SCREENSHOT", SCREENSHOT.toAbsolutePath().toString());
        builder.environment().put("CHROMIUM", CHROMIUM);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, command + " did not finish in " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node test of src/test/browser (playwright-core driving Debian's Chromium) against the running server. Fails —
 * never skips — when Node or Chromium is missing, saying what to install.
 */
final class BrowserTest {
    static final Path DIR = Path.of(System.getProperty("browser.test.dir", "src/test/browser"));
    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    record Result(int exitCode, String output) {
    }

    private BrowserTest() {
    }

    /** Runs {@code node <script>} with BASE_URL, CHROMIUM and {@code env}; prints and answers its output. */
    static Result node(String script, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        assertThat(Path.of(CHROMIUM)).as("Chromium for the browser tests: apt-get install chromium (.ci/run does)").isExecutable();
        if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300); // .ci/run installs them; a fresh clone may not have
        }
        Result result = run(List.of("node", script), env, timeoutSeconds);
        System.out.println(result.output());
        return result;
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("flipside-browser-test", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BASE_URL", Flipside.BASE);
        builder.environment().put("CHROMIUM", CHROMIUM);
        builder.environment().putAll(env);
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

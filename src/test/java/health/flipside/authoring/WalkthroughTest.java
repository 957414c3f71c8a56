package health.flipside.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import health.flipside.content.ContentCopy;

/**
 * Performs docs/authoring.md, so the walkthrough cannot go stale. The page's fenced blocks are its steps, read by
 * their info string (the first word is the language, for renderers; the rest tells this test what to do):
 * <ul>
 *   <li>{@code find PATH} then {@code replace PATH}: replace the first block's text with the second's in PATH;</li>
 *   <li>{@code new PATH}: create PATH with the block; {@code append PATH}: add the block to PATH;</li>
 *   <li>{@code sh}: run each {@code ./author …} line;</li>
 *   <li>{@code text output} / {@code text fails}: the last command exited 0 / 1, and printed every line of the block
 *       ("…" stands for anything).</li>
 * </ul>
 * Everything runs on a copy of rules/, cds-cards/ and examples/, through the same AuthorCommand as {@code ./author}.
 */
class WalkthroughTest {
    private static final Path DOC = Path.of("docs/authoring.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```([^\\n]*)\\n(.*?)^```\\s*$", Pattern.DOTALL);

    @TempDir
    Path temp;

    record Step(String info, String body) {
        String word(int i) {
            String[] words = info.strip().split("\\s+");
            return i < words.length ? words[i] : "";
        }
    }

    record Run(String command, int exitCode, String output) {
    }

    @Test
    void theAuthoringWalkthroughWorksAsWritten() throws IOException {
        List<Step> steps = steps(Files.readString(DOC));
        ContentCopy content = ContentCopy.in(temp);
        Map<String, String> found = new HashMap<>();
        Map<String, Integer> performed = new HashMap<>();
        Run last = null;
        for (Step step : steps) {
            String action = step.word(1);
            String what = step.word(0).equals("sh") ? "sh" : action;
            switch (what) {
                case "find" -> found.put(step.word(2), step.body());
                case "replace" -> {
                    String from = found.remove(step.word(2));
                    assertThat(from).as("a find block before the replace block for %s", step.word(2)).isNotNull();
                    content.replace(step.word(2), strip(from), strip(step.body()));
                }
                case "new" -> {
                    assertThat(content.file(step.word(2))).as("new file").doesNotExist();
                    content.write(step.word(2), step.body());
                }
                case "append" -> Files.writeString(content.file(step.word(2)),
                        Files.readString(content.file(step.word(2))) + step.body());
                case "sh" -> last = runCommands(step, content);
                case "output", "fails" -> expectOutput(step, last, what.equals("fails") ? 1 : 0);
                default -> {
                    continue; // an illustration, not a step
                }
            }
            performed.merge(what, 1, Integer::sum);
        }
        // a change to the page's block format must not silently turn the walkthrough into a no-op
        assertThat(performed).containsKeys("find", "replace", "new", "append", "sh", "output", "fails");
        assertThat(performed.get("sh")).isGreaterThanOrEqualTo(8);
    }

    private static List<Step> steps(String markdown) {
        List<Step> steps = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            steps.add(new Step(block.group(1), block.group(2)));
        }
        return steps;
    }

    /** A find/replace text without the line break that closes the block, so it also matches mid-line. */
    private static String strip(String body) {
        return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    }

    private static Run runCommands(Step step, ContentCopy content) {
        Run last = null;
        for (String line : step.body().split("\n")) {
            if (!line.startsWith("./author ")) {
                continue;
            }
            String[] args = Arrays.stream(line.substring("./author ".length()).trim().split("\\s+")).toArray(String[]::new);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int exit = AuthorCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), content.root, content.root);
            last = new Run(line, exit, bytes.toString(StandardCharsets.UTF_8));
        }
        assertThat(last).as("a ./author command in the sh block").isNotNull();
        return last;
    }

    private static void expectOutput(Step step, Run last, int exitCode) {
        assertThat(last).as("a command before the output block").isNotNull();
        assertThat(last.exitCode()).as("exit code of `%s`, which printed:\n%s", last.command(), last.output()).isEqualTo(exitCode);
        for (String expected : step.body().split("\n")) {
            if (expected.isBlank()) {
                continue;
            }
            String pattern = Arrays.stream(expected.strip().split("…", -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + ".*" + b).orElseThrow();
            assertThat(Pattern.compile(pattern).matcher(last.output()).find())
                    .as("`%s` printed a line with \"%s\"; it printed:\n%s", last.command(), expected.strip(), last.output())
                    .isTrue();
        }
    }
}

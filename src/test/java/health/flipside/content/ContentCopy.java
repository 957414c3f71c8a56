package health.flipside.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the repository's rules/, cds-cards/ and examples/ (scenarios name ../../../examples/…) that a test may edit. */
public final class ContentCopy {
    public final Path root;
    public final Path rules;
    public final Path cards;

    private ContentCopy(Path root) {
        this.root = root;
        this.rules = root.resolve("rules");
        this.cards = root.resolve("cds-cards");
    }

    public static ContentCopy in(Path temp) throws IOException {
        for (String folder : new String[] {"rules", "cds-cards", "examples"}) {
            copy(Path.of(folder), temp.resolve(folder));
        }
        return new ContentCopy(temp);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    /** Replaces text in a file, failing when the file does not contain it (the test would prove nothing). */
    public void replace(String relative, String from, String to) throws IOException {
        Path file = file(relative);
        String text = Files.readString(file);
        assertThat(text).as(relative).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    public void write(String relative, String text) throws IOException {
        Files.createDirectories(file(relative).getParent());
        Files.writeString(file(relative), text);
    }

    /** 1-based line of the first line containing {@code text}. */
    public int lineOf(String relative, String text) throws IOException {
        var lines = Files.readAllLines(file(relative));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(relative + " has no line containing " + text);
    }

    public ContentGate.Report gate() {
        return new ContentGate(rules, cards).evaluate();
    }
}

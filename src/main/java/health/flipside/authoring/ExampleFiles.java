package health.flipside.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bundled example hook requests of {@code examples/}, moved to the present as {@code examples/send.java} does:
 * they are written as of {@link #ANCHOR} and the clinical windows are relative to now, so every date moves forward
 * by the whole days since then, and each request gets a fresh hookInstance.
 */
public final class ExampleFiles {
    public static final Instant ANCHOR = Instant.parse("2026-11-20T12:00:00Z");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))\"");
    private static final Pattern HOOK_INSTANCE = Pattern.compile("\"hookInstance\"\\s*:\\s*\"[^\"]*\"");
    /** A row of the table in examples/README.md: | `file.json` | case | expected answer | */
    private static final Pattern README_ROW = Pattern.compile("^\\|\\s*`([^`]+\\.json)`\\s*\\|([^|]*)\\|([^|]*)\\|");

    /** @param request the hook request, dates already moved to the present */
    public record Example(String name, String description, String expected, String request) {
    }

    private ExampleFiles() {
    }

    public static List<Example> list(Path dir, Instant now) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<String, String[]> readme = readme(dir.resolve("README.md"));
        List<Example> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String fileName = file.getFileName().toString();
                String[] row = readme.getOrDefault(fileName, new String[] {"", ""});
                examples.add(new Example(fileName.replaceFirst("\\.json$", ""), row[0], row[1],
                        shiftToNow(Files.readString(file), now)));
            }
        }
        return examples;
    }

    static String shiftToNow(String json, Instant now) {
        long days = Duration.between(ANCHOR, now).toDays();
        Matcher matcher = DATE_TIME.matcher(json);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            OffsetDateTime shifted = OffsetDateTime.parse(matcher.group(1)).plusDays(days);
            matcher.appendReplacement(out, "\"" + shifted.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\"");
        }
        matcher.appendTail(out);
        return HOOK_INSTANCE.matcher(out).replaceFirst("\"hookInstance\" : \"" + UUID.randomUUID() + "\"");
    }

    private static Map<String, String[]> readme(Path file) throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                Matcher row = README_ROW.matcher(line);
                if (row.find()) {
                    rows.put(row.group(1), new String[] {row.group(2).strip(), row.group(3).strip()});
                }
            }
        }
        return rows;
    }
}

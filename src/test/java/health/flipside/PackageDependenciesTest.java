package health.flipside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code src/main/java/health/flipside} depend one way, along the flow of docs/design.md
 * ("Packages"): every edge between two packages is one that table allows, there is no cycle, and {@code facts},
 * {@code rules} and {@code cards} import neither JAX-RS, servlets, CDI nor HAPI. A package that is not in the table
 * fails the test: a new one is added here and in docs/design.md together.
 *
 * <p>An edge is any mention of {@code health.flipside.<package>.<Type>} in code (imports and fully qualified names;
 * comments are left out). The list is printed, as {@code package -> dependencies}, for the docs and for reviews.
 */
class PackageDependenciesTest {
    static final Path SOURCES = Path.of("src/main/java/health/flipside");

    /** What each package may use; mirrors the table of docs/design.md. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("facts", Set.of()),
            Map.entry("fhir", Set.of("facts")),
            Map.entry("rules", Set.of("facts")),
            Map.entry("cards", Set.of("facts", "rules")),
            Map.entry("trend", Set.of("cards", "facts")),
            Map.entry("services", Set.of("cards", "facts", "fhir", "rules", "trend")),
            Map.entry("support", Set.of()),
            Map.entry("security", Set.of("feedback", "support")),
            Map.entry("hooks", Set.of("cards", "fhir", "services", "support")),
            Map.entry("content", Set.of("cards", "facts", "fhir", "hooks", "rules", "services")),
            Map.entry("feedback", Set.of("cards", "facts", "services", "support")),
            Map.entry("authoring", Set.of("cards", "content", "facts", "fhir", "rules", "services")),
            Map.entry("web", Set.of("authoring", "cards", "content", "facts", "fhir", "hooks", "rules", "services", "support", "trend")));

    /** The clinical core: plain Java, callable from a unit test, a scenario or the command line. */
    static final Set<String> PLAIN = Set.of("facts", "rules", "cards");
    static final List<String> EDGE_APIS = List.of("jakarta.", "javax.ws.", "javax.servlet.", "ca.uhn.", "org.hl7.",
            "org.eclipse.microprofile.");

    private static final Pattern MENTION = Pattern.compile("\\bhealth\\.flipside\\.([a-z]+)\\.[A-Za-z]");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    static Map<String, List<Path>> sources;
    static Map<String, Set<String>> graph;

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.groupingBy(PackageDependenciesTest::packageOf, TreeMap::new, Collectors.toList()));
        }
        graph = new TreeMap<>();
        sources.forEach((pkg, files) -> graph.put(pkg, files.stream()
                .flatMap(f -> mentions(code(f)).stream())
                .filter(d -> !d.equals(pkg))
                .collect(Collectors.toCollection(TreeSet::new))));
        System.out.println("Package dependencies (src/main/java/health/flipside):\n" + listing(graph));
    }

    @Test
    void everyPackageIsDeclared() {
        assertThat(ALLOWED.keySet()).as("packages in the table (docs/design.md)").containsAll(graph.keySet());
    }

    @Test
    void everyEdgeIsAllowed() {
        List<String> forbidden = new ArrayList<>();
        graph.forEach((pkg, deps) -> deps.stream()
                .filter(d -> !ALLOWED.getOrDefault(pkg, Set.of()).contains(d))
                .forEach(d -> forbidden.add(pkg + " -> " + d + " (" + files(pkg, d) + ")")));
        assertThat(forbidden).as("edges the table does not allow, now:\n" + listing(graph)).isEmpty();
    }

    @Test
    void noCycleBetweenPackages() {
        assertThat(cycles(graph)).as("package cycles, now:\n" + listing(graph)).isEmpty();
    }

    @Test
    void theClinicalCoreImportsNoEdgeApi() {
        List<String> found = new ArrayList<>();
        PLAIN.stream().filter(sources::containsKey).forEach(pkg -> sources.get(pkg).forEach(file -> {
            Matcher m = IMPORT.matcher(code(file));
            while (m.find()) {
                String imported = m.group(1);
                if (EDGE_APIS.stream().anyMatch(imported::startsWith)) {
                    found.add(SOURCES.relativize(file) + " imports " + imported);
                }
            }
        }));
        assertThat(found).as("facts, rules and cards import neither JAX-RS, servlets, CDI, MicroProfile nor HAPI").isEmpty();
    }

    /** The check itself: a table edge that is missing, and a cycle, are found (so an empty answer means something). */
    @Test
    void theChecksFindWhatTheyLookFor() {
        Map<String, Set<String>> tangled = Map.of("hooks", Set.of("services"), "services", Set.of("feedback"),
                "feedback", Set.of("hooks"), "facts", Set.of());
        assertThat(cycles(tangled)).containsExactly("feedback -> hooks -> services -> feedback");
        assertThat(mentions("import health.flipside.hooks.ErrorBody;\nnew health.flipside.rules.RuleSetLoader()"))
                .containsExactlyInAnyOrder("hooks", "rules");
        assertThat(mentions(stripComments("// see health.flipside.content.ContentReloader\n/* health.flipside.web.X */")))
                .isEmpty();
    }

    static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    static String code(Path file) {
        try {
            return stripComments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String stripComments(String source) {
        return COMMENTS.matcher(source).replaceAll(" ");
    }

    static Set<String> mentions(String code) {
        Set<String> found = new TreeSet<>();
        Matcher m = MENTION.matcher(code);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String files(String pkg, String dep) {
        return sources.get(pkg).stream().filter(f -> mentions(code(f)).contains(dep))
                .map(f -> f.getFileName().toString()).sorted().collect(Collectors.joining(", "));
    }

    static String listing(Map<String, Set<String>> graph) {
        return graph.entrySet().stream().map(e -> "  " + e.getKey() + " -> " + String.join(" ", e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** Each elementary cycle once, written from its alphabetically first package. */
    static Set<String> cycles(Map<String, Set<String>> graph) {
        Set<String> found = new TreeSet<>();
        for (String start : graph.keySet()) {
            walk(graph, start, new ArrayList<>(List.of(start)), found);
        }
        return found;
    }

    private static void walk(Map<String, Set<String>> graph, String start, List<String> path, Set<String> found) {
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                found.add(String.join(" -> ", path) + " -> " + start);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(graph, start, path, found);
                path.remove(path.size() - 1);
            }
        }
    }
}

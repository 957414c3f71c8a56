package health.flipside.cards;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;

import health.flipside.rules.SourceLines;
import health.flipside.facts.proms.PromBand;
import health.flipside.facts.proms.PromOverview;
import health.flipside.rules.SourceProblem;

/**
 * The card texts of {@code cds-cards/}: one YAML template per finding, a policy file and Mustache partials.
 * Everything is parsed and compiled once; any template that does not parse or compile refuses the whole catalog,
 * with every problem named by file and line. Each text is compiled twice: as served, and as checked (see
 * {@link CheckingMustacheFactory}), from the same text so the two cannot differ.
 */
public final class CardCatalog {
    static final String POLICY_FILE = "policy.yaml";
    /**
     * Wording shared by several templates: every {@code partials/<name>.mustache}, included as {@code {{> name}}}
     * (it reads the names of the scope it is included in). The provenance partial words the data line of every card.
     */
    static final String PARTIALS_DIR = "partials";
    static final String PARTIAL_SUFFIX = ".mustache";
    static final String PROVENANCE_NAME = "provenance";
    static final String PROVENANCE_PARTIAL = PARTIALS_DIR + "/" + PROVENANCE_NAME + PARTIAL_SUFFIX;
    private static final String PROM_BAND = "prom-band";
    private static final String PROM_OVERVIEW_NAMES = "prom-overview-names";
    private static final Pattern MUSTACHE_LINE = Pattern.compile(":(\\d+)\\]");

    private static final ObjectMapper YAML = com.fasterxml.jackson.databind.json.JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS) // "info" as staff write it
            .build();

    private final Path root;
    private final CardPolicy policy;
    private final Map<String, Compiled> templates;
    private final Map<String, Partial> partials;

    /** A partial, compiled as served and as checked. */
    record Partial(Mustache served, Mustache checked) {
    }

    /** A template's texts compiled with one factory. */
    record Texts(Mustache summary, Mustache detail, List<Mustache> talkingPoints) {
    }

    /** A template with its texts compiled as served and as checked. */
    record Compiled(CardTemplate template, Texts served, Texts checked) {
        Texts texts(boolean checking) {
            return checking ? checked : served;
        }
    }

    private CardCatalog(Path root, CardPolicy policy, Map<String, Compiled> templates, Map<String, Partial> partials) {
        this.root = root;
        this.policy = policy;
        this.templates = Map.copyOf(templates);
        this.partials = Map.copyOf(partials);
    }

    public static CardCatalog load(Path cardsDir) {
        if (!Files.isDirectory(cardsDir)) {
            throw new CardCatalogException("Card templates folder not found: " + cardsDir);
        }
        MarkdownMustacheFactory served = new MarkdownMustacheFactory(cardsDir);
        MarkdownMustacheFactory checked = new CheckingMustacheFactory(cardsDir);
        List<SourceProblem> problems = new ArrayList<>();
        CardPolicy policy = collect(problems, () -> read(cardsDir.resolve(POLICY_FILE), CardPolicy.class));
        if (policy != null) {
            problems.addAll(suppressionProblems(policy, cardsDir.resolve(POLICY_FILE)));
            problems.addAll(CardLayout.problems(policy, cardsDir.resolve(POLICY_FILE)));
        }
        // partials first, so a partial that does not compile is named at its own file and line
        Map<String, Partial> partials = new HashMap<>();
        for (Path file : partialFiles(cardsDir)) {
            Partial partial = collect(problems, () -> new Partial(served.compileFile(file), checked.compileFile(file)));
            if (partial != null) {
                partials.put(file.getFileName().toString().replaceFirst(Pattern.quote(PARTIAL_SUFFIX) + "$", ""), partial);
            }
        }
        Map<String, Compiled> templates = new HashMap<>();
        for (Path file : templateFiles(cardsDir)) {
            Compiled compiled = collect(problems, () -> {
                CardTemplate template = read(file, CardTemplate.class).withFile(file);
                validate(template, file);
                return new Compiled(template, compile(served, template), compile(checked, template));
            });
            if (compiled == null) {
                continue;
            }
            Compiled previous = templates.put(compiled.template().id(), compiled);
            if (previous != null) {
                problems.add(new SourceProblem(file, SourceLines.lineOf(SourceLines.index(file), "/id"), "template id '"
                        + compiled.template().id() + "' is also used by " + previous.template().file()));
            }
        }
        if (!Files.isRegularFile(cardsDir.resolve(PROVENANCE_PARTIAL))) {
            problems.add(new SourceProblem(cardsDir.resolve(PROVENANCE_PARTIAL), 0, "the data line every card carries is "
                    + "worded here; the file is missing"));
        }
        if (!problems.isEmpty()) {
            throw new CardCatalogException(problems);
        }
        return new CardCatalog(cardsDir, policy, templates, partials);
    }

    /** A measure is a dotted path of names, as templates read values: {@code home.meanSystolic}. */
    private static final Pattern MEASURE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /**
     * The suppression section of policy.yaml on its own (whether its rule ids exist is checked against the rules,
     * authoring.ContentCheck): periods of at least a day, measures that are paths, no same-day safety rule.
     */
    static List<SourceProblem> suppressionProblems(CardPolicy policy, Path file) {
        List<SourceProblem> problems = new ArrayList<>();
        Map<String, Integer> lines = SourceLines.index(file);
        policy.suppression().forEach((rule, s) -> {
            String at = "/suppression/" + rule;
            if (s == null) {
                problems.add(new SourceProblem(file, SourceLines.lineOf(lines, at), "suppression of '" + rule
                        + "' needs 'days'"));
                return;
            }
            if (policy.criticalRules().contains(rule)) {
                problems.add(new SourceProblem(file, SourceLines.lineOf(lines, at), "'" + rule + "' is in criticalRules: "
                        + "a same-day safety item can be overridden but is never suppressed"));
            }
            if (s.days() < 1) {
                problems.add(new SourceProblem(file, SourceLines.lineOf(lines, at + "/days"), "suppression of '" + rule
                        + "' needs 'days' of at least 1 (was " + s.days() + ")"));
            }
            if (s.measure() != null && !MEASURE.matcher(s.measure()).matches()) {
                problems.add(new SourceProblem(file, SourceLines.lineOf(lines, at + "/measure"), "measure '" + s.measure()
                        + "' of '" + rule + "' is not a name path like home.meanSystolic"));
            }
        });
        return problems;
    }

    private static List<Path> templateFiles(Path cardsDir) {
        try (Stream<Path> files = Files.walk(cardsDir)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(POLICY_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new CardCatalogException("Cannot read " + cardsDir + ": " + e.getMessage());
        }
    }

    private static List<Path> partialFiles(Path cardsDir) {
        Path dir = cardsDir.resolve(PARTIALS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(PARTIAL_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new CardCatalogException("Cannot read " + dir + ": " + e.getMessage());
        }
    }

    private static <T> T collect(List<SourceProblem> problems, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (CardCatalogException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    public CardPolicy policy() {
        return policy;
    }

    public boolean has(String templateId) {
        return templates.containsKey(templateId);
    }

    /** Every template, by id: for checks and the author command. */
    public Map<String, CardTemplate> templates() {
        Map<String, CardTemplate> byId = new HashMap<>();
        templates.forEach((id, compiled) -> byId.put(id, compiled.template()));
        return byId;
    }

    /** cds-cards/policy.yaml, for problems found in it later. */
    public Path policyFile() {
        return root.resolve(POLICY_FILE);
    }

    Path provenancePartial() {
        return root.resolve(PROVENANCE_PARTIAL);
    }

    Compiled template(String templateId) {
        Compiled compiled = templates.get(templateId);
        if (compiled == null) {
            throw new CardCatalogException("No card template '" + templateId + "' in cds-cards/");
        }
        return compiled;
    }

    String provenanceLine(Object provenance, boolean checking) {
        Partial line = partials.get(PROVENANCE_NAME);
        return render(checking ? line.checked() : line.served(), Map.of("provenance", provenance)).strip();
    }

    /** A questionnaire band as the cards word it (partials/prom-band.mustache), for the trend view's bands. */
    public String promBand(PromBand band) {
        return words(PROM_BAND, band);
    }

    /**
     * The questionnaires a PROM overview's summary line lists, as the card shows them (partials/prom-overview-names):
     * the facts measure these words to list as many as fit.
     */
    public String promOverviewNames(PromOverview overview) {
        return words(PROM_OVERVIEW_NAMES, overview);
    }

    /**
     * A partial's words for {@code scope}, for a page outside the cards that names what the cards name (the trend
     * view's device and tier), so the two never word it differently.
     */
    public String words(String partial, Object scope) {
        Partial compiled = partials.get(partial);
        if (compiled == null) {
            throw new CardCatalogException("No partial '" + partial + "' in cds-cards/" + PARTIALS_DIR + "/");
        }
        return render(compiled.served(), scope);
    }

    static String render(Mustache mustache, Object scope) {
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    private static void validate(CardTemplate t, Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Map<String, Integer> lines = SourceLines.index(file);
        if (t.id() == null || !t.id().equals(id)) {
            throw CardCatalogException.at(file, SourceLines.lineOf(lines, "/id"), "'id' must equal the file name ('" + id + "')");
        }
        if (t.headline() == null || t.summary() == null || t.detail() == null) {
            throw CardCatalogException.at(file, 0, "'headline', 'summary' and 'detail' are required");
        }
        if (t.source() == null || t.source().label() == null) {
            throw CardCatalogException.at(file, SourceLines.lineOf(lines, "/source"), "'source' needs a 'label' (and the guideline's 'url')");
        }
    }

    private static Texts compile(MarkdownMustacheFactory factory, CardTemplate t) {
        Path file = t.file();
        List<Mustache> talkingPoints = new ArrayList<>();
        for (int i = 0; i < t.talkingPoints().size(); i++) {
            talkingPoints.add(factory.compileText(file, "talkingPoints/" + i, t.talkingPoints().get(i)));
        }
        return new Texts(factory.compileText(file, "summary", t.summary()), factory.compileText(file, "detail", t.detail()),
                talkingPoints);
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return YAML.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw CardCatalogException.at(file, line, e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        } catch (IOException e) {
            throw CardCatalogException.at(file, 0, e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    /**
     * The line of the author's file where a text field's line {@code textLine} is: YAML block scalars ("detail: |")
     * start on the line after their key.
     */
    static int fileLine(Path file, String field, int textLine) {
        Map<String, Integer> lines = SourceLines.index(file);
        int fieldLine = SourceLines.lineOf(lines, "/" + field);
        if (fieldLine == 0) {
            return 0;
        }
        boolean block = false;
        try {
            String keyLine = Files.readAllLines(file).get(fieldLine - 1);
            block = keyLine.matches(".*:\\s*[|>][-+0-9]*\\s*(#.*)?$");
        } catch (IOException | IndexOutOfBoundsException e) {
            // fall back to the field's own line
        }
        return fieldLine + (block ? 1 : 0) + Math.max(textLine, 1) - 1;
    }

    /**
     * Mustache for markdown card texts, partials from cds-cards/. Every interpolated value is escaped for markdown by
     * {@link MarkdownText#escape} (not Mustache's HTML escaping: "A&D" must stay "A&D"); the template's text is not.
     */
    static class MarkdownMustacheFactory extends DefaultMustacheFactory {
        MarkdownMustacheFactory(Path root) {
            super(root.toFile());
        }

        /** {@code {{> name}}} is {@code partials/name.mustache}, from whichever template or partial includes it. */
        @Override
        public String resolvePartialPath(String dir, String name, String extension) {
            return PARTIALS_DIR + "/" + name.strip() + PARTIAL_SUFFIX;
        }

        /**
         * A partial's final line break is the editor's, not the author's: "{{> cgm-goal-group}}." stays on one line.
         */
        @Override
        public Reader getReader(String resourceName) {
            Reader reader = super.getReader(resourceName);
            if (!resourceName.endsWith(PARTIAL_SUFFIX)) {
                return reader;
            }
            try (Reader in = reader) {
                StringWriter text = new StringWriter();
                in.transferTo(text);
                return new StringReader(withoutFinalLineBreak(text.toString()));
            } catch (IOException e) {
                throw new MustacheException(e);
            }
        }

        private static String withoutFinalLineBreak(String text) {
            return text.replaceFirst("\\r?\\n\\z", "");
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(MarkdownText.escape(value));
            } catch (IOException e) {
                throw new MustacheException(e);
            }
        }

        /** {{{x}}} and {{&x}} are escaped as well: a template cannot step around the one escaping point. */
        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    super.value(tc, variable, true);
                }
            };
        }

        Mustache compileText(Path file, String field, String text) {
            try {
                return compile(new StringReader(text), file.getFileName() + "#" + field);
            } catch (MustacheException e) {
                Matcher line = MUSTACHE_LINE.matcher(String.valueOf(e.getMessage()));
                int at = line.find() ? Integer.parseInt(line.group(1)) : 1;
                throw CardCatalogException.at(file, fileLine(file, field, at), "(" + field + ") " + e.getMessage());
            }
        }

        Mustache compileFile(Path file) {
            try {
                return compile(new StringReader(withoutFinalLineBreak(Files.readString(file))), file.getFileName().toString());
            } catch (IOException | MustacheException e) {
                Matcher line = MUSTACHE_LINE.matcher(String.valueOf(e.getMessage()));
                throw CardCatalogException.at(file, line.find() ? Integer.parseInt(line.group(1)) : 0, e.getMessage());
            }
        }
    }
}

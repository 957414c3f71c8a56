package health.flipside.cards;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;

/**
 * The card texts of {@code cds-cards/}: one YAML template per finding, a policy file and Mustache partials.
 * Everything is parsed and compiled once; a template that does not parse or compile refuses the whole catalog
 * with a message naming the file.
 */
public final class CardCatalog {
    static final String POLICY_FILE = "policy.yaml";
    static final String PROVENANCE_PARTIAL = "partials/provenance.mustache";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final CardPolicy policy;
    private final Map<String, Compiled> templates;
    private final Mustache provenanceLine;

    /** A template with its texts compiled. */
    record Compiled(CardTemplate template, Mustache summary, Mustache detail, List<Mustache> talkingPoints) {
    }

    private CardCatalog(CardPolicy policy, Map<String, Compiled> templates, Mustache provenanceLine) {
        this.policy = policy;
        this.templates = Map.copyOf(templates);
        this.provenanceLine = provenanceLine;
    }

    public static CardCatalog load(Path cardsDir) {
        if (!Files.isDirectory(cardsDir)) {
            throw new CardCatalogException("Card templates folder not found: " + cardsDir);
        }
        MustacheFactory factory = new MustacheFactory(cardsDir);
        CardPolicy policy = read(cardsDir.resolve(POLICY_FILE), CardPolicy.class);
        Map<String, Compiled> templates = new HashMap<>();
        try (Stream<Path> files = Files.walk(cardsDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(POLICY_FILE)).sorted().toList()) {
                CardTemplate template = read(file, CardTemplate.class).withFile(file);
                validate(template, file);
                Compiled previous = templates.put(template.id(), compile(factory, template));
                if (previous != null) {
                    throw new CardCatalogException(file + ": template id '" + template.id() + "' is also used by " + previous.template().file());
                }
            }
        } catch (IOException e) {
            throw new CardCatalogException("Cannot read " + cardsDir + ": " + e.getMessage());
        }
        return new CardCatalog(policy, templates, factory.compileFile(cardsDir.resolve(PROVENANCE_PARTIAL)));
    }

    public CardPolicy policy() {
        return policy;
    }

    public boolean has(String templateId) {
        return templates.containsKey(templateId);
    }

    Compiled template(String templateId) {
        Compiled compiled = templates.get(templateId);
        if (compiled == null) {
            throw new CardCatalogException("No card template '" + templateId + "' in cds-cards/");
        }
        return compiled;
    }

    String provenanceLine(Object provenance) {
        return render(provenanceLine, Map.of("provenance", provenance)).strip();
    }

    static String render(Mustache mustache, Object scope) {
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    private static void validate(CardTemplate t, Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (t.id() == null || !t.id().equals(id)) {
            throw new CardCatalogException(file + ": 'id' must equal the file name ('" + id + "')");
        }
        if (t.headline() == null || t.summary() == null || t.detail() == null) {
            throw new CardCatalogException(file + ": 'headline', 'summary' and 'detail' are required");
        }
        if (t.source() == null || t.source().label() == null) {
            throw new CardCatalogException(file + ": 'source' needs a 'label' (and the guideline's 'url')");
        }
    }

    private static Compiled compile(MustacheFactory factory, CardTemplate t) {
        Path file = t.file();
        return new Compiled(t, factory.compileText(file, "summary", t.summary()),
                factory.compileText(file, "detail", t.detail()),
                t.talkingPoints().stream().map(p -> factory.compileText(file, "talkingPoints", p)).toList());
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return YAML.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new CardCatalogException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    /** Mustache without HTML escaping (card texts are markdown, "A&D" must stay "A&D"), partials from cds-cards/. */
    private static final class MustacheFactory extends DefaultMustacheFactory {
        MustacheFactory(Path root) {
            super(root.toFile());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException(e);
            }
        }

        Mustache compileText(Path file, String field, String text) {
            try {
                return compile(new StringReader(text), file.getFileName() + "#" + field);
            } catch (MustacheException e) {
                throw new CardCatalogException(file + " (" + field + "): " + e.getMessage());
            }
        }

        Mustache compileFile(Path file) {
            try {
                return compile(Files.newBufferedReader(file), file.getFileName().toString());
            } catch (IOException | MustacheException e) {
                throw new CardCatalogException(file + ": " + e.getMessage());
            }
        }
    }
}

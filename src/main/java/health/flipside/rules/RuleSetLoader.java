package health.flipside.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import health.flipside.facts.bp.BloodPressureSummarizer;
import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.FactBuilder;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceRegistry;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.Thresholds;

/**
 * Reads and compiles a {@code rules/} folder. Fails closed: any compiler error, any threshold without a source,
 * any unreadable list refuses the whole set (docs/design.md house rule 3), with every problem found named by file and
 * line so an author can fix them in one go.
 */
public final class RuleSetLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String KFS_ROOT = "src/main/resources/rules/";
    /** Names for groups of condition, medication and assessment codes (rules/README.md "Clinical context"). */
    static final String VOCABULARY_FILE = "common/clinical-context.yaml";

    public RuleSet load(Path rulesDir) {
        if (!Files.isDirectory(rulesDir)) {
            throw new RuleSetException("Rules folder not found: " + rulesDir);
        }
        List<Path> ruleFiles = ruleFiles(rulesDir);
        if (ruleFiles.isEmpty()) {
            throw new RuleSetException("No rule files (*.drl, *.drl.csv, *.drl.xlsx) in " + rulesDir);
        }
        List<SourceProblem> problems = new ArrayList<>();
        List<RuleSource> sources = new ArrayList<>();
        for (Path file : ruleFiles) {
            collect(problems, () -> sources.add(source(file)));
        }
        KieContainer container = problems.isEmpty() ? compile(rulesDir, sources, problems) : null;
        boolean compiled = problems.isEmpty();
        Map<String, Integer> ranks = compiled ? collect(problems, () -> ranks(container.getKieBase(), sources)) : Map.of();
        Map<String, Thresholds> thresholds = collect(problems, () -> loadThresholds(rulesDir));
        DeviceRegistry devices = collect(problems, () -> loadDevices(rulesDir.resolve("provenance/devices.yaml")));
        MedicationClassifier antihypertensives = collect(problems, () -> loadMedications(rulesDir.resolve("bp/antihypertensives.yaml")));
        ClinicalVocabulary vocabulary = collect(problems, () -> loadVocabulary(rulesDir.resolve(VOCABULARY_FILE)));
        if (!problems.isEmpty()) {
            throw new RuleSetException(compiled ? "Rules refused" : "Rules do not compile", problems);
        }
        int ruleCount = container.getKieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
        KieBase kieBase = container.getKieBase();
        // A pool grows to the number of requests running at once; one session to start with.
        return new RuleSet(kieBase, kieBase.newKieSessionsPool(1), thresholds, devices, antihypertensives, vocabulary, ruleCount,
                ranks, sources);
    }

    /**
     * Each rule's declared rank ({@code @rank(n)}), read once here rather than on every hook call; a rank that is not a
     * whole number refuses the rules, named at the rule's line.
     */
    private static Map<String, Integer> ranks(KieBase kieBase, List<RuleSource> sources) {
        Map<String, Integer> ranks = new HashMap<>();
        List<SourceProblem> problems = new ArrayList<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(rule -> {
            Object rank = rule.getMetaData().get(RuleSet.RANK);
            if (rank == null) {
                return;
            }
            try {
                ranks.put(rule.getName(), Integer.parseInt(rank.toString().trim()));
            } catch (NumberFormatException e) {
                problems.add(atRule(sources, rule.getName(), "rule \"" + rule.getName() + "\" declares @rank(" + rank
                        + "): a rank must be a whole number"));
            }
        }));
        if (!problems.isEmpty()) {
            throw new RuleSetException(null, problems);
        }
        return ranks;
    }

    /** A problem at the line that declares the rule {@code name} (in a decision table, its row). */
    private static SourceProblem atRule(List<RuleSource> sources, String name, String message) {
        Pattern declaration = Pattern.compile("^[ \\t]*rule\\s+\"" + Pattern.quote(name) + "\"", Pattern.MULTILINE);
        for (RuleSource source : sources) {
            Matcher found = declaration.matcher(source.drl());
            if (found.find()) {
                int line = (int) source.drl().substring(0, found.start()).chars().filter(c -> c == '\n').count() + 1;
                return new SourceProblem(source.file(), source.fileLine(line), message);
            }
        }
        return new SourceProblem(sources.get(0).file().getParent(), 0, message);
    }

    /** Runs one loading step; its refusal joins the others instead of hiding them. */
    private static <T> T collect(List<SourceProblem> problems, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static List<Path> ruleFiles(Path rulesDir) {
        try (Stream<Path> files = Files.walk(rulesDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".drl") || DecisionTables.isDecisionTable(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RuleSetException("Cannot read " + rulesDir + ": " + e.getMessage(), e);
        }
    }

    /** A DRL file as written, or the DRL of a decision table (checked first: see {@link DecisionTables}). */
    private static RuleSource source(Path file) {
        if (DecisionTables.isDecisionTable(file)) {
            return new RuleSource(file, DecisionTables.toDrl(file), true);
        }
        try {
            return new RuleSource(file, Files.readString(file), false);
        } catch (IOException e) {
            throw RuleSetException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    private KieContainer compile(Path rulesDir, List<RuleSource> sources, List<SourceProblem> problems) {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem kfs = kie.newKieFileSystem();
        // A fresh release id per compile, so a reload never collides with the set still serving.
        ReleaseId releaseId = kie.newReleaseId("health.flipside", "rules", "1.0.0-" + UUID.randomUUID());
        kfs.generateAndWritePomXML(releaseId);
        Map<String, RuleSource> byPath = new HashMap<>();
        for (RuleSource source : sources) {
            // decision tables go in as the DRL generated above, so Drools' line numbers can be mapped to table rows
            String path = rulesDir.relativize(source.file()).toString().replace('\\', '/') + (source.generated() ? ".drl" : "");
            byPath.put(path, source);
            kfs.write(KFS_ROOT + path, source.drl());
        }
        KieBuilder builder = kie.newKieBuilder(kfs, RuleSetLoader.class.getClassLoader()).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        errors.forEach(m -> problems.add(describe(rulesDir, byPath, m)));
        return errors.isEmpty() ? kie.newKieContainer(releaseId, RuleSetLoader.class.getClassLoader()) : null;
    }

    private static SourceProblem describe(Path rulesDir, Map<String, RuleSource> byPath, Message message) {
        String path = message.getPath() == null ? "" : message.getPath().replaceFirst("^(" + KFS_ROOT + "|rules/)", "");
        RuleSource source = byPath.get(path);
        if (source == null) {
            return new SourceProblem(rulesDir.resolve(path.isEmpty() ? "." : path), message.getLine(), message.getText().strip());
        }
        return new SourceProblem(source.file(), message.getLine() > 0 ? source.fileLine(message.getLine()) : 0,
                message.getText().strip());
    }

    /** Per-topic thresholds file format, as staff write it. */
    record ThresholdsFile(String topic, Map<String, ThresholdEntry> thresholds) {
    }

    /** As written: {@code value} boxed, so a forgotten value is an error rather than a silent 0. */
    record ThresholdEntry(Double value, String unit, String source) {
    }

    private static Map<String, Thresholds> loadThresholds(Path rulesDir) {
        Map<String, Thresholds> byTopic = new HashMap<>();
        List<SourceProblem> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            files = walk.filter(p -> p.getFileName().toString().equals("thresholds.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new RuleSetException("Cannot read " + rulesDir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            Thresholds thresholds = collect(problems, () -> thresholds(file));
            if (thresholds != null) {
                byTopic.put(thresholds.topic(), thresholds);
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(null, problems);
        }
        return byTopic;
    }

    private static Thresholds thresholds(Path file) {
        ThresholdsFile parsed = read(file, ThresholdsFile.class);
        Map<String, Integer> lines = SourceLines.index(file);
        String expectedTopic = file.getParent().getFileName().toString();
        if (!expectedTopic.equals(parsed.topic())) {
            throw RuleSetException.at(file, SourceLines.lineOf(lines, "/topic"),
                    "topic '" + parsed.topic() + "' does not match its folder '" + expectedTopic + "'");
        }
        List<SourceProblem> problems = new ArrayList<>();
        Map<String, Thresholds.Threshold> values = new HashMap<>();
        (parsed.thresholds() == null ? Map.<String, ThresholdEntry>of() : parsed.thresholds()).forEach((name, t) -> {
            int line = SourceLines.lineOf(lines, "/thresholds/" + name);
            if (t == null || t.value() == null) {
                problems.add(new SourceProblem(file, line, "threshold '" + name + "' has no value"));
            } else if (t.source() == null || t.source().isBlank()) {
                problems.add(new SourceProblem(file, line, "threshold '" + name
                        + "' has no source (name its guideline, or say \"design choice [D]\")"));
            } else {
                values.put(name, new Thresholds.Threshold(t.value(), t.unit(), t.source()));
            }
        });
        requiredThresholds(parsed.topic()).stream()
                .filter(name -> !values.containsKey(name) && (parsed.thresholds() == null || !parsed.thresholds().containsKey(name)))
                .forEach(name -> problems.add(new SourceProblem(file, SourceLines.lineOf(lines, "/thresholds"),
                        "threshold '" + name + "' is required by the " + parsed.topic() + " summaries")));
        problems.sort(java.util.Comparator.comparingInt(SourceProblem::line));
        if (!problems.isEmpty()) {
            throw new RuleSetException(null, problems);
        }
        return new Thresholds(parsed.topic(), values);
    }

    /** The thresholds the summaries of a topic read (the bp summaries, or a registered {@link FactBuilder#TOPICS} entry). */
    private static List<String> requiredThresholds(String topic) {
        if (topic.equals("bp")) {
            return java.util.stream.Stream.concat(BloodPressureSummarizer.REQUIRED_THRESHOLDS.stream(),
                    health.flipside.facts.bp.PregnancyBloodPressureSummarizer.REQUIRED_THRESHOLDS.stream()).toList();
        }
        if (topic.equals("common")) {
            return health.flipside.facts.PatientContext.REQUIRED_THRESHOLDS;
        }
        return FactBuilder.TOPICS.stream().filter(t -> t.name().equals(topic))
                .flatMap(t -> t.requiredThresholds().stream()).toList();
    }

    record DevicesFile(Set<String> clinicOwners, List<ModelEntry> validatedModels, List<ModelEntry> cufflessModels,
                       List<KindWordEntry> kindWords) {
    }

    record KindWordEntry(String word, DeviceKind kind, String source) {
    }

    record ModelEntry(String manufacturer, String model, DeviceKind kind, String validation) {
    }

    private static DeviceRegistry loadDevices(Path file) {
        DevicesFile parsed = read(file, DevicesFile.class);
        Map<String, Integer> lines = SourceLines.index(file);
        return new DeviceRegistry(
                parsed.clinicOwners() == null ? Set.of() : parsed.clinicOwners(),
                models(file, lines, "validatedModels", parsed.validatedModels(), null),
                models(file, lines, "cufflessModels", parsed.cufflessModels(), DeviceKind.CUFFLESS),
                kindWords(file, lines, parsed.kindWords()));
    }

    private static List<DeviceRegistry.KindWord> kindWords(Path file, Map<String, Integer> lines, List<KindWordEntry> entries) {
        if (entries == null) {
            return List.of();
        }
        List<DeviceRegistry.KindWord> words = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            KindWordEntry e = entries.get(i);
            if (e.word() == null || e.word().isBlank() || e.kind() == null) {
                throw RuleSetException.at(file, SourceLines.lineOf(lines, "/kindWords/" + i),
                        "every kind word needs a 'word' and a 'kind' (one of " + java.util.Arrays.toString(DeviceKind.values()) + ")");
            }
            words.add(new DeviceRegistry.KindWord(e.word(), e.kind()));
        }
        return words;
    }

    private static List<DeviceRegistry.Model> models(Path file, Map<String, Integer> lines, String list,
                                                     List<ModelEntry> entries, DeviceKind forcedKind) {
        if (entries == null) {
            return List.of();
        }
        List<DeviceRegistry.Model> models = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ModelEntry e = entries.get(i);
            int line = SourceLines.lineOf(lines, "/" + list + "/" + i);
            if (e.manufacturer() == null || e.model() == null) {
                throw RuleSetException.at(file, line, "every model needs 'manufacturer' and 'model'");
            }
            DeviceKind kind = forcedKind != null ? forcedKind : e.kind();
            if (kind == null) {
                throw RuleSetException.at(file, line, e.manufacturer() + " " + e.model() + " needs a 'kind'");
            }
            models.add(new DeviceRegistry.Model(e.manufacturer(), e.model(), kind));
        }
        return models;
    }

    record MedicationsFile(List<String> atcPrefixes, List<String> ingredients, String source,
                           MedicationClassEntry countOnlyWithAnother) {
    }

    private static MedicationClassifier loadMedications(Path file) {
        MedicationsFile parsed = read(file, MedicationsFile.class);
        MedicationClassEntry onlyWithAnother = parsed.countOnlyWithAnother();
        return new MedicationClassifier(
                parsed.atcPrefixes() == null ? List.of() : parsed.atcPrefixes(),
                parsed.ingredients() == null ? List.of() : parsed.ingredients(),
                onlyWithAnother == null ? null : new MedicationClassifier(
                        onlyWithAnother.atcPrefixes() == null ? List.of() : onlyWithAnother.atcPrefixes(),
                        onlyWithAnother.ingredients() == null ? List.of() : onlyWithAnother.ingredients()));
    }

    record VocabularyFile(Map<String, ConceptEntry> conditions, Map<String, MedicationClassEntry> medications,
                          Map<String, ConceptEntry> assessments, Map<String, ConceptEntry> patientContext) {
    }

    record ConceptEntry(List<String> codes, List<String> texts, String source) {
    }

    record MedicationClassEntry(List<String> atcPrefixes, List<String> ingredients, String source) {
    }

    private static ClinicalVocabulary loadVocabulary(Path file) {
        VocabularyFile parsed = read(file, VocabularyFile.class);
        Map<String, Integer> lines = SourceLines.index(file);
        Map<String, ClinicalVocabulary.Concept> conditions = concepts(file, lines, "conditions", parsed.conditions());
        Map<String, ClinicalVocabulary.Concept> assessments = concepts(file, lines, "assessments", parsed.assessments());
        Map<String, MedicationClassifier> medications = new HashMap<>();
        (parsed.medications() == null ? Map.<String, MedicationClassEntry>of() : parsed.medications()).forEach((name, m) -> {
            if (m == null || m.source() == null || m.source().isBlank()) {
                throw RuleSetException.at(file, SourceLines.lineOf(lines, "/medications/" + name),
                        "medication class '" + name + "' needs a 'source'");
            }
            medications.put(name, new MedicationClassifier(m.atcPrefixes() == null ? List.of() : m.atcPrefixes(),
                    m.ingredients() == null ? List.of() : m.ingredients()));
        });
        Map<String, ClinicalVocabulary.Concept> patientContext = concepts(file, lines, "patientContext", parsed.patientContext());
        return new ClinicalVocabulary(conditions, medications, assessments, patientContext);
    }

    private static Map<String, ClinicalVocabulary.Concept> concepts(Path file, Map<String, Integer> lines, String list,
                                                                   Map<String, ConceptEntry> entries) {
        Map<String, ClinicalVocabulary.Concept> concepts = new HashMap<>();
        (entries == null ? Map.<String, ConceptEntry>of() : entries).forEach((name, e) -> {
            int line = SourceLines.lineOf(lines, "/" + list + "/" + name);
            if (e == null || e.source() == null || e.source().isBlank()) {
                throw RuleSetException.at(file, line, list + " entry '" + name + "' needs a 'source'");
            }
            if ((e.codes() == null || e.codes().isEmpty()) && (e.texts() == null || e.texts().isEmpty())) {
                throw RuleSetException.at(file, line, list + " entry '" + name + "' needs 'codes' or 'texts'");
            }
            concepts.put(name, new ClinicalVocabulary.Concept(e.codes(), e.texts()));
        });
        return concepts;
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw RuleSetException.at(file, 0, "file is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw RuleSetException.at(file, Math.max(line, 0), e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        } catch (IOException e) {
            throw RuleSetException.at(file, 0, e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }
}

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import health.flipside.facts.BloodPressureSummarizer;
import health.flipside.facts.DeviceKind;
import health.flipside.facts.DeviceRegistry;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.Thresholds;

/**
 * Reads and compiles a {@code rules/} folder. Fails closed: any compiler error, any threshold without a source,
 * any unreadable list refuses the whole set with a message naming the file (design.md house rule 3).
 */
public final class RuleSetLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Decision tables are only recognised by Drools under these names (reference/stack.md). */
    private static final List<String> RULE_FILE_ENDINGS = List.of(".drl", ".drl.csv", ".drl.xls", ".drl.xlsx");

    public RuleSet load(Path rulesDir) {
        if (!Files.isDirectory(rulesDir)) {
            throw new RuleSetException("Rules folder not found: " + rulesDir);
        }
        List<Path> ruleFiles = ruleFiles(rulesDir);
        if (ruleFiles.isEmpty()) {
            throw new RuleSetException("No rule files (*.drl) in " + rulesDir);
        }
        KieContainer container = compile(rulesDir, ruleFiles);
        Map<String, Thresholds> thresholds = loadThresholds(rulesDir);
        DeviceRegistry devices = loadDevices(rulesDir.resolve("provenance/devices.yaml"));
        MedicationClassifier antihypertensives = loadMedications(rulesDir.resolve("bp/antihypertensives.yaml"));
        int ruleCount = container.getKieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
        return new RuleSet(container.getKieBase(), thresholds, devices, antihypertensives, ruleCount);
    }

    private static List<Path> ruleFiles(Path rulesDir) {
        try (Stream<Path> files = Files.walk(rulesDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> RULE_FILE_ENDINGS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RuleSetException("Cannot read " + rulesDir + ": " + e.getMessage(), e);
        }
    }

    private KieContainer compile(Path rulesDir, List<Path> ruleFiles) {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem kfs = kie.newKieFileSystem();
        // A fresh release id per compile, so a reload never collides with the set still serving.
        ReleaseId releaseId = kie.newReleaseId("health.flipside", "rules", "1.0.0-" + UUID.randomUUID());
        kfs.generateAndWritePomXML(releaseId);
        for (Path file : ruleFiles) {
            try {
                kfs.write("src/main/resources/rules/" + rulesDir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new RuleSetException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        KieBuilder builder = kie.newKieBuilder(kfs, RuleSetLoader.class.getClassLoader()).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleSetException("Rules do not compile:\n" + errors.stream()
                    .map(m -> "  " + describe(rulesDir, m))
                    .collect(Collectors.joining("\n")));
        }
        return kie.newKieContainer(releaseId, RuleSetLoader.class.getClassLoader());
    }

    private static String describe(Path rulesDir, Message message) {
        String path = message.getPath() == null ? "?" : message.getPath().replaceFirst("^(src/main/resources/)?rules/", "");
        String line = message.getLine() > 0 ? ":" + message.getLine() : "";
        return rulesDir.resolve(path) + line + ": " + message.getText().strip();
    }

    /** Per-topic thresholds file format, as staff write it. */
    record ThresholdsFile(String topic, Map<String, ThresholdEntry> thresholds) {
    }

    /** As written: {@code value} boxed, so a forgotten value is an error rather than a silent 0. */
    record ThresholdEntry(Double value, String unit, String source) {
    }

    private static Map<String, Thresholds> loadThresholds(Path rulesDir) {
        Map<String, Thresholds> byTopic = new HashMap<>();
        try (Stream<Path> files = Files.walk(rulesDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().equals("thresholds.yaml")).toList()) {
                ThresholdsFile parsed = read(file, ThresholdsFile.class);
                String expectedTopic = file.getParent().getFileName().toString();
                if (!expectedTopic.equals(parsed.topic())) {
                    throw new RuleSetException(file + ": topic '" + parsed.topic() + "' does not match its folder '" + expectedTopic + "'");
                }
                List<String> problems = new ArrayList<>();
                Map<String, Thresholds.Threshold> values = new HashMap<>();
                (parsed.thresholds() == null ? Map.<String, ThresholdEntry>of() : parsed.thresholds()).forEach((name, t) -> {
                    if (t == null || t.value() == null) {
                        problems.add("threshold '" + name + "' has no value");
                    } else if (t.source() == null || t.source().isBlank()) {
                        problems.add("threshold '" + name + "' has no source (name its guideline, or say \"design choice [D]\")");
                    } else {
                        values.put(name, new Thresholds.Threshold(t.value(), t.unit(), t.source()));
                    }
                });
                if (parsed.topic().equals("bp")) {
                    BloodPressureSummarizer.REQUIRED_THRESHOLDS.stream().filter(name -> !values.containsKey(name))
                            .forEach(name -> problems.add("threshold '" + name + "' is required by the bp summaries"));
                }
                if (!problems.isEmpty()) {
                    throw new RuleSetException(file + ": " + String.join("; ", problems));
                }
                byTopic.put(parsed.topic(), new Thresholds(parsed.topic(), values));
            }
        } catch (IOException e) {
            throw new RuleSetException("Cannot read " + rulesDir + ": " + e.getMessage(), e);
        }
        return byTopic;
    }

    record DevicesFile(Set<String> clinicOwners, List<ModelEntry> validatedModels, List<ModelEntry> cufflessModels) {
    }

    record ModelEntry(String manufacturer, String model, DeviceKind kind, String validation) {
    }

    private static DeviceRegistry loadDevices(Path file) {
        DevicesFile parsed = read(file, DevicesFile.class);
        return new DeviceRegistry(
                parsed.clinicOwners() == null ? Set.of() : parsed.clinicOwners(),
                models(file, parsed.validatedModels(), null),
                models(file, parsed.cufflessModels(), DeviceKind.CUFFLESS));
    }

    private static List<DeviceRegistry.Model> models(Path file, List<ModelEntry> entries, DeviceKind forcedKind) {
        if (entries == null) {
            return List.of();
        }
        return entries.stream().map(e -> {
            if (e.manufacturer() == null || e.model() == null) {
                throw new RuleSetException(file + ": every model needs 'manufacturer' and 'model'");
            }
            DeviceKind kind = forcedKind != null ? forcedKind : e.kind();
            if (kind == null) {
                throw new RuleSetException(file + ": " + e.manufacturer() + " " + e.model() + " needs a 'kind'");
            }
            return new DeviceRegistry.Model(e.manufacturer(), e.model(), kind);
        }).toList();
    }

    record MedicationsFile(List<String> atcPrefixes, List<String> ingredients, String source) {
    }

    private static MedicationClassifier loadMedications(Path file) {
        MedicationsFile parsed = read(file, MedicationsFile.class);
        return new MedicationClassifier(
                parsed.atcPrefixes() == null ? List.of() : parsed.atcPrefixes(),
                parsed.ingredients() == null ? List.of() : parsed.ingredients());
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new RuleSetException(file + ": file is empty");
            }
            return value;
        } catch (IOException e) {
            throw new RuleSetException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }
}

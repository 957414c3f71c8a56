package health.flipside.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Turns Synthea's FHIR output (dev/synthea) into the files ./demo loads, in load order: Synthea's hospitals and
 * practitioners, then per patient its Synthea record and its {@link SyntheaPghd} layer. Synthea POSTs each patient's
 * resources with server-assigned ids; they are rewritten as PUTs by Synthea's own ids, so the layer can reference the
 * patient and loading twice is harmless.
 *
 * <pre>java -cp … health.flipside.examples.SyntheaDemoData &lt;synthea output/fhir&gt; &lt;load dir&gt; &lt;seed&gt;</pre>
 */
public final class SyntheaDemoData {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One Synthea patient's record as read, with the person the layer is built for. */
    record SyntheaRecord(SyntheaPghd.Person person, boolean deceased, ObjectNode bundle) {
    }

    private SyntheaDemoData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SyntheaDemoData <synthea output/fhir> <load dir> <seed>");
            System.exit(2);
        }
        Path fhir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        Instant now = Instant.now();
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> list = Files.list(fhir)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith("hospitalInformation")) {
                Files.copy(file, out.resolve("00-hospitals.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else if (name.startsWith("practitionerInformation")) {
                Files.copy(file, out.resolve("01-practitioners.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<SyntheaRecord> records = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.startsWith("hospitalInformation") && !name.startsWith("practitionerInformation")) {
                SyntheaRecord record = read((ObjectNode) MAPPER.readTree(file.toFile()));
                if (!record.deceased()) { // Synthea exports the people who died on the way to the population too
                    records.add(record);
                }
            }
        }
        records.sort(java.util.Comparator.comparing(r -> r.person().id()));
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            SyntheaRecord record = records.get(i);
            SyntheaPghd.Picture picture = SyntheaPghd.pictureFor(i, seed);
            PatientBuilder layer = SyntheaPghd.layer(record.person(), picture, seed, now);
            String prefix = String.format("%02d-%s", 10 + i, record.person().id());
            MAPPER.writeValue(out.resolve(prefix + "-a-synthea.json").toFile(), record.bundle());
            Files.writeString(out.resolve(prefix + "-b-pghd.json"), ExamplePatients.transaction(SyntheaPghd.resources(layer)));
            summary.append(record.person().id()).append('\t').append(record.person().given()).append(' ')
                    .append(record.person().family()).append('\t').append(picture.name()).append('\t')
                    .append(picture.description()).append('\n');
        }
        Files.writeString(out.resolve("patients.tsv"), summary);
        System.out.print(summary);
    }

    /** The person and the record rewritten to PUT by id, references to the bundle's urn:uuid entries made relative. */
    static SyntheaRecord read(ObjectNode bundle) {
        Map<String, String> urls = new HashMap<>();
        for (JsonNode entry : bundle.withArray("entry")) {
            JsonNode resource = entry.get("resource");
            urls.put(entry.path("fullUrl").asText(), resource.get("resourceType").asText() + "/" + resource.get("id").asText());
        }
        relativize(bundle, urls);
        SyntheaPghd.Person person = null;
        boolean deceased = false;
        for (JsonNode node : bundle.withArray("entry")) {
            ObjectNode entry = (ObjectNode) node;
            String url = urls.get(entry.path("fullUrl").asText());
            entry.put("fullUrl", url);
            ObjectNode request = entry.putObject("request");
            request.put("method", "PUT");
            request.put("url", url);
            JsonNode resource = entry.get("resource");
            if (resource.get("resourceType").asText().equals("Patient")) {
                person = person(resource);
                deceased = resource.has("deceasedDateTime") || resource.path("deceasedBoolean").asBoolean(false);
            }
        }
        if (person == null) {
            throw new IllegalArgumentException("A Synthea record without a Patient");
        }
        return new SyntheaRecord(person, deceased, bundle);
    }

    private static SyntheaPghd.Person person(JsonNode patient) {
        JsonNode name = patient.path("name").path(0);
        return new SyntheaPghd.Person(patient.get("id").asText(), name.path("given").path(0).asText(),
                name.path("family").asText(), AdministrativeGender.fromCode(patient.path("gender").asText("unknown")),
                LocalDate.parse(patient.get("birthDate").asText()));
    }

    private static void relativize(JsonNode node, Map<String, String> urls) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("reference") && urls.containsKey(field.getValue().asText())) {
                    field.setValue(TextNode.valueOf(urls.get(field.getValue().asText())));
                } else {
                    relativize(field.getValue(), urls);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> relativize(child, urls));
        }
    }
}

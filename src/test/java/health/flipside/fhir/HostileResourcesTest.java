package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.parser.IJsonLikeParser;
import health.flipside.facts.ClinicalVocabulary;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceRegistry;
import health.flipside.facts.MedicationClassifier;
import health.flipside.facts.PatientData;
import health.flipside.facts.UnitConverter;

/**
 * Signed bodies that made Flipside answer 500 (issue 10, point 2) and body content that reached the log (point 6):
 * each bad resource is refused with a 400 naming the prefetch key, or skipped and counted for the card's
 * data-quality note; nothing from the body is logged.
 */
class HostileResourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceRegistry DEVICES = new DeviceRegistry(Set.of("Organization/clinic"),
            List.of(new DeviceRegistry.Model("Omron Healthcare", "HEM-9200T", DeviceKind.UPPER_ARM_CUFF)), List.of());
    private static final FactExtractor EXTRACTOR = new FactExtractor(DEVICES,
            new MedicationClassifier(List.of("C09"), List.of("lisinopril")), ClinicalVocabulary.EMPTY, new UnitConverter());

    private static final String DEVICE = """
            {"resourceType":"Device","id":"cuff","manufacturer":"Omron Healthcare","modelNumber":"HEM-9200T",
             "owner":{"reference":"Organization/clinic"}%s}""";
    private static final String READING = """
            {"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
             "effectiveDateTime":"%s","device":{"reference":"Device/cuff"},
             "component":[
              {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":128,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
              {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":82,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]%s}""";

    static String bundle(String... resources) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":["
                + String.join(",", java.util.Arrays.stream(resources).map(r -> "{\"resource\":" + r + "}").toList()) + "]}";
    }

    static PatientData extract(String devices, String vitals) throws Exception {
        IJsonLikeParser parser = (IJsonLikeParser) FhirR4.context().newJsonParser();
        PrefetchResolver.Read read = PrefetchResolver.read(parser, "devices", JSON.readTree(devices), Set.of()).orElseThrow();
        PrefetchResolver.Read readings = PrefetchResolver.read(parser, "vitalSigns", JSON.readTree(vitals), Set.of()).orElseThrow();
        return EXTRACTOR.extract(new ResolvedData(Map.of("devices", read.resources(), "vitalSigns", readings.resources()),
                Map.of("devices", read.observations(), "vitalSigns", readings.observations()), List.of()));
    }

    @Test
    void aRegulationStatusCodingWithoutACodeIsReadAsUnknown() throws Exception {
        String devices = bundle(DEVICE.formatted(",\"property\":[{\"type\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/ASN1ToHL7\",\"code\":\"532354.0\"}]},"
                + "\"valueCode\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0136\"}]}]}]"));

        PatientData data = extract(devices, bundle(READING.formatted("2026-03-01T08:00:00+01:00", "")));

        assertThat(data.bloodPressure()).hasSize(1);
    }

    @Test
    void aDeviceNameWithoutANameIsReadAsNoModel() throws Exception {
        String devices = bundle(DEVICE.replace("\"modelNumber\":\"HEM-9200T\",", "")
                .formatted(",\"deviceName\":[{\"type\":\"model-name\"}]"));

        PatientData data = extract(devices, bundle(READING.formatted("2026-03-01T08:00:00+01:00", "")));

        assertThat(data.bloodPressure()).hasSize(1);
    }

    @Test
    void aTimeOffsetBeyondEighteenHoursSkipsTheReadingAndCountsIt() throws Exception {
        PatientData data = extract(bundle(DEVICE.formatted("")), bundle(
                READING.formatted("2026-03-01T08:00:00+19:00", ""), READING.formatted("2026-03-02T08:00:00-23:59", ""),
                READING.formatted("2026-03-03T08:00:00+02:00", "")));

        assertThat(data.bloodPressure()).hasSize(1);
        assertThat(data.skippedResources()).isEqualTo(2);
    }

    @Test
    void aProcedureWhoseTimeCouldNotBeReadIsIgnored() throws Exception {
        IJsonLikeParser parser = (IJsonLikeParser) FhirR4.context().newJsonParser();
        String procedures = bundle(
                "{\"resourceType\":\"Procedure\",\"status\":\"completed\",\"code\":{\"text\":\"x\"},\"performedDateTime\":[[\"2026-03-01\"]]}",
                "{\"resourceType\":\"Procedure\",\"status\":\"completed\",\"code\":{\"text\":\"x\"},"
                        + "\"_performedDateTime\":{\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"y\"}]}}",
                "{\"resourceType\":\"Procedure\",\"status\":\"completed\",\"code\":{\"text\":\"x\"},"
                        + "\"performedPeriod\":{\"_start\":{\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"y\"}]}}}");
        Map<String, List<Resource>> byKey = Map.of("procedures",
                PrefetchResolver.read(parser, "procedures", JSON.readTree(procedures), Set.of()).orElseThrow().resources());

        PatientData data = EXTRACTOR.extract(new ResolvedData(byKey, List.of()));

        assertThat(data.bloodPressure()).isEmpty();
    }

    @Test
    void aConditionWhoseOnsetCouldNotBeReadIsNoTime() throws Exception {
        IJsonLikeParser parser = (IJsonLikeParser) FhirR4.context().newJsonParser();
        String extensionOnly = "\"_onsetDateTime\":{\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"y\"}]}";
        String conditions = bundle(
                "{\"resourceType\":\"Condition\",\"code\":{\"text\":\"dizziness\"}," + extensionOnly + "}",
                "{\"resourceType\":\"Condition\",\"code\":{\"text\":\"atrial fibrillation\"},"
                        + "\"onsetPeriod\":{\"_start\":{\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"y\"}]}}}");
        Map<String, List<Resource>> byKey = Map.of("conditions",
                PrefetchResolver.read(parser, "conditions", JSON.readTree(conditions), Set.of()).orElseThrow().resources());

        PatientData data = EXTRACTOR.extract(new ResolvedData(byKey, List.of()));

        // every active Condition is dated while the chart is read: an unreadable onset is no time, not a 500
        assertThat(data.context().conditionsKnown()).isTrue();
        assertThat(data.record().afRecordedAt()).isNull();
    }

    @Test
    void anEmptyElementNameIsAnInvalidPrefetchNamingTheKey() {
        assertThatThrownBy(() -> extract(bundle(DEVICE.formatted("")),
                bundle(READING.formatted("2026-03-01T08:00:00Z", ",\"valueString\":{\"\":\"\"}"))))
                .isInstanceOfSatisfying(InvalidPrefetchException.class, e -> assertThat(e.key()).isEqualTo("vitalSigns"));
        assertThatThrownBy(() -> extract(bundle(DEVICE.formatted("")), bundle(READING.formatted("2026-03-01T08:00:00Z", ",\"\":\"\""))))
                .isInstanceOf(InvalidPrefetchException.class);
    }

    @Test
    void unknownElementNamesFromTheBodyAreNotLogged() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try {
            extract(bundle(DEVICE.formatted("")), bundle(READING.formatted("2026-03-01T08:00:00Z",
                    ",\"forged\\n[12/4/26, 17:00:00:000 UTC] 00000001 FAKE I admin logged in\":1")));
        } finally {
            root.removeHandler(capture);
            root.setLevel(level);
        }
        assertThat(records).extracting(r -> r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()))
                .noneMatch(text -> text.contains("forged") || text.contains("FAKE"));
    }
}

package health.flipside.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.cards.Card;
import health.flipside.content.ContentGate;
import health.flipside.content.PatientInput;
import health.flipside.facts.Medication;
import health.flipside.facts.PatientData;
import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.fhir.FhirR4;
import health.flipside.fhir.ResolvedData;
import health.flipside.services.LoadedContent;

/**
 * One person exactly as Synthea 3.3.0 wrote them for the demo (seed 12, reference date 2026-12-05, ./demo's options:
 * src/test/resources/synthea/), read the way ./demo loads it (SyntheaDemoData) and handed to Flipside with the
 * heart-failure layer over it, as the FHIR server would answer the hook's searches: Synthea's record parses, its
 * office readings and drugs are read, and the layer's card comes out as without it.
 */
class SyntheaRecordTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LoadedContent content;
    private static SyntheaDemoData.SyntheaRecord record;

    @BeforeAll
    static void load() throws IOException {
        content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
        try (InputStream in = new GZIPInputStream(SyntheaRecordTest.class.getResourceAsStream("/synthea/marcel-mraz-seed12-20261205.json.gz"))) {
            record = SyntheaDemoData.read((ObjectNode) MAPPER.readTree(in));
        }
    }

    @Test
    void theRecordIsPutByIdWithEveryBundleReferenceMadeRelative() {
        assertThat(record.person().id()).isEqualTo("5f7474ce-b6fb-2a2b-8168-cc130e4ae051");
        assertThat(record.person().given() + " " + record.person().family()).isEqualTo("Marcel Mraz");
        assertThat(record.person().birthDate()).hasToString("1978-05-01");
        assertThat(record.deceased()).isFalse();
        record.bundle().withArray("entry").forEach(entry -> {
            String url = entry.get("resource").get("resourceType").asText() + "/" + entry.get("resource").get("id").asText();
            assertThat(entry.get("request").get("method").asText()).isEqualTo("PUT");
            assertThat(entry.get("request").get("url").asText()).isEqualTo(url);
        });
        assertThat(record.bundle().toString()).doesNotContain("\"reference\":\"urn:uuid:");
    }

    @Test
    void flipsideReadsSyntheasRecordAndTheLayerOverIt() {
        Instant now = Instant.now();
        Bundle synthea = FhirR4.context().newJsonParser().parseResource(Bundle.class, record.bundle().toString());
        List<Resource> all = new ArrayList<>(synthea.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList());
        all.addAll(SyntheaPghd.resources(SyntheaPghd.layer(record.person(), SyntheaPghd.Picture.HF_WEIGHT_GAIN, 12, now)));

        ResolvedData data = PatientInput.fromHookRequest(hookRequest(record.person().id(), all).toString());
        PatientData patient = content.pipeline().patient(data);
        assertThat(patient.bloodPressure()).anyMatch(r -> r.setting() == BloodPressureReading.Setting.OFFICE);
        assertThat(patient.medications()).extracting(Medication::name)
                .anyMatch(n -> n.toLowerCase().contains("amlodipine")) // Synthea's
                .anyMatch(n -> n.contains("furosemide")); // the layer's
        assertThat(patient.unavailable()).isEmpty();

        List<Card> cards = content.pipeline().run(data, now).cards();
        assertThat(cards.get(0).indicator()).isEqualTo("warning");
        assertThat(cards.get(0).summary()).startsWith("Weight +").contains("KCCQ-12 down");
    }

    /** A patient-view request whose prefetch is what the demo's FHIR server answers to each of the service's searches. */
    private static ObjectNode hookRequest(String patientId, List<Resource> all) {
        Map<String, List<Resource>> keys = new LinkedHashMap<>();
        keys.put("vitalSigns", withDevices(all, category(all, "vital-signs")));
        keys.put("laboratory", withDevices(all, category(all, "laboratory")));
        keys.put("activity", withDevices(all, category(all, "activity")));
        keys.put("surveys", category(all, "survey"));
        keys.put("socialHistory", category(all, "social-history"));
        keys.put("questionnaireResponses", of(all, QuestionnaireResponse.class, r -> true));
        keys.put("devices", of(all, Device.class, Device::hasPatient));
        keys.put("medications", of(all, MedicationRequest.class, r -> r.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE));
        keys.put("conditions", of(all, Condition.class, r -> r.getClinicalStatus().getCoding().stream().anyMatch(c -> "active".equals(c.getCode()))));
        keys.put("procedures", of(all, Procedure.class, r -> true));
        keys.put("episodesOfCare", of(all, EpisodeOfCare.class, r -> r.getStatus() == EpisodeOfCare.EpisodeOfCareStatus.ACTIVE));
        keys.put("ecgReports", of(all, DiagnosticReport.class, r -> r.getCategory().stream().anyMatch(c -> c.hasCoding(PatientBuilder.LOINC, "LP29708-2"))));
        ObjectNode request = MAPPER.createObjectNode();
        request.put("hookInstance", "d7c6f1a4-5b0e-4c61-9a53-0b7e2a3c9f10");
        request.put("hook", "patient-view");
        request.putObject("context").put("userId", "Practitioner/flipside-demo-physician").put("patientId", patientId);
        ObjectNode prefetch = request.putObject("prefetch");
        var parser = FhirR4.context().newJsonParser();
        try {
            prefetch.set("patient", MAPPER.readTree(parser.encodeResourceToString(of(all, Patient.class, r -> true).get(0))));
            for (Map.Entry<String, List<Resource>> key : keys.entrySet()) {
                Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
                key.getValue().forEach(r -> bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r)
                        .getSearch().setMode(r instanceof Device && !key.getKey().equals("devices") ? Bundle.SearchEntryMode.INCLUDE : Bundle.SearchEntryMode.MATCH));
                prefetch.set(key.getKey(), MAPPER.readTree(parser.encodeResourceToString(bundle)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return request;
    }

    private static List<Resource> category(List<Resource> all, String category) {
        return new ArrayList<>(of(all, Observation.class, o -> o.getCategory().stream().anyMatch(c -> c.getCoding().stream()
                .anyMatch(code -> category.equals(code.getCode())))));
    }

    /** The observations and, as _include=Observation:device does, the devices they name. */
    private static List<Resource> withDevices(List<Resource> all, List<Resource> observations) {
        List<String> named = observations.stream().map(o -> ((Observation) o).getDevice().getReference()).filter(r -> r != null).toList();
        observations.addAll(of(all, Device.class, d -> named.contains("Device/" + d.getIdElement().getIdPart())));
        return observations;
    }

    private static <T extends Resource> List<Resource> of(List<Resource> all, Class<T> type, Predicate<T> filter) {
        return all.stream().filter(type::isInstance).map(type::cast).filter(filter).map(Resource.class::cast).toList();
    }
}

package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.parser.IJsonLikeParser;

/**
 * CDS Hooks 2.0 "Prefetch Template" semantics: a key present is used, JSON null means "no data", an absent key or an
 * OperationOutcome is fetched; callbacks run in parallel under one deadline and a failed callback makes the answer
 * partial, never an error.
 */
class PrefetchResolverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrefetchQuery VITALS = new PrefetchQuery("vitalSigns",
            "Observation?patient={{context.patientId}}&category=vital-signs", true, "date");
    private static final PrefetchQuery PATIENT = new PrefetchQuery("patient", "Patient/{{context.patientId}}",
            false, null);
    private static final PrefetchQuery MEDICATIONS = new PrefetchQuery("medications",
            "MedicationRequest?patient={{context.patientId}}&status=active", false, null);
    private static final Map<String, String> TOKENS = Map.of("context.patientId", "123");
    private static final Instant SINCE = Instant.parse("2025-10-16T08:00:00Z");
    private static final FhirAccess ACCESS = new FhirAccess("https://ehr.example/fhir", "token-abc");

    private static final String BUNDLE = """
            {"resourceType": "Bundle", "type": "searchset", "entry": [
              {"resource": {"resourceType": "Observation", "id": "o1", "status": "final", "code": {"text": "BP"}}},
              {"resource": {"resourceType": "Observation", "id": "o2", "status": "final", "code": {"text": "BP"}}},
              {"search": {"mode": "outcome"},
               "resource": {"resourceType": "OperationOutcome", "issue": [{"severity": "information", "code": "informational"}]}}
            ]}""";
    private static final String OPERATION_OUTCOME = """
            {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "too-costly"}]}""";

    /** Every URL the fake FHIR server was asked for, in any order. */
    private final Queue<String> fetched = new ConcurrentLinkedQueue<>();
    private ExecutorService pool;

    @BeforeAll
    static void warmUp() {
        // The shared FhirContext is expensive to create once; keep that cost out of the timing tests.
        FhirR4.context().newJsonParser();
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** A fake server that records the URL and answers with one Patient. */
    private FhirFetcher answering() {
        return (access, url) -> {
            assertThat(access).isSameAs(ACCESS);
            fetched.add(url);
            return List.of(new Patient().setId("from-server"));
        };
    }

    private static Map<String, JsonNode> prefetch(Object... keysAndJson) throws Exception {
        Map<String, JsonNode> values = new HashMap<>();
        for (int i = 0; i < keysAndJson.length; i += 2) {
            values.put((String) keysAndJson[i], JSON.readTree((String) keysAndJson[i + 1]));
        }
        return values;
    }

    private static PrefetchResolver direct(FhirFetcher fetcher) {
        return new PrefetchResolver(fetcher, Runnable::run, Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("a prefetched key is used as sent, without a callback; search-outcome entries are left out")
    void prefetchedKeyIsUsed() throws Exception {
        Map<String, JsonNode> prefetch = prefetch("vitalSigns", BUNDLE, "patient", "{\"resourceType\": \"Patient\", \"id\": \"123\"}");

        ResolvedData data = direct(answering()).resolve(List.of(VITALS, PATIENT), prefetch, ACCESS, TOKENS, SINCE);

        assertThat(fetched).isEmpty();
        assertThat(data.byKey().get("vitalSigns")).isEmpty();
        assertThat(data.observations().get("vitalSigns")).extracting(ObservationView::id).containsExactly("o1", "o2");
        assertThat(data.observations().get("vitalSigns")).as("read from the request's tree, no HAPI model")
                .allMatch(JsonObservation.class::isInstance);
        assertThat(data.byKey().get("patient")).singleElement().isInstanceOf(Patient.class);
        assertThat(data.unavailable()).isEmpty();
    }

    private static final String READINGS_NAMING_DEVICES = """
            {"resourceType": "Bundle", "type": "searchset", "entry": [
              {"resource": {"resourceType": "Observation", "id": "o1", "status": "final", "code": {"text": "BP"},
                            "device": {"reference": "Device/phd-cuff"}}},
              {"resource": {"resourceType": "Observation", "id": "o2", "status": "final", "code": {"text": "BP"},
                            "device": {"reference": "https://ehr.example/fhir/Device/phd-cuff/_history/3"}}},
              {"resource": {"resourceType": "Observation", "id": "o3", "status": "final", "code": {"text": "BP"},
                            "device": {"reference": "Device/included-scale"}}},
              {"resource": {"resourceType": "Observation", "id": "o4", "status": "final", "code": {"text": "BP"},
                            "device": {"reference": "https://elsewhere.example/fhir/Device/foreign"}}},
              {"search": {"mode": "include"}, "resource": {"resourceType": "Device", "id": "included-scale"}}
            ]}""";

    @Test
    @DisplayName("devices the readings name but the record lacks (PHD devices have no patient) are read by id, on the EHR's server only")
    void missingDevicesAreReadById() throws Exception {
        FhirFetcher fetcher = (access, url) -> {
            fetched.add(url);
            return List.of(new org.hl7.fhir.r4.model.Device().setId(url));
        };

        ResolvedData data = direct(fetcher).resolve(List.of(VITALS), prefetch("vitalSigns", READINGS_NAMING_DEVICES),
                ACCESS, TOKENS, SINCE);

        // once per device; the included one is not read again; the reference to another server is not followed
        assertThat(fetched).containsExactly("Device/phd-cuff");
        assertThat(data.all()).filteredOn(org.hl7.fhir.r4.model.Device.class::isInstance).hasSize(2);
        assertThat(data.unavailable()).isEmpty();
    }

    @Test
    @DisplayName("without a FHIR server a missing device is not fetched and nothing fails")
    void missingDevicesWithoutServer() throws Exception {
        ResolvedData data = direct(answering()).resolve(List.of(VITALS), prefetch("vitalSigns", READINGS_NAMING_DEVICES),
                null, TOKENS, SINCE);

        assertThat(fetched).isEmpty();
        assertThat(data.all()).filteredOn(org.hl7.fhir.r4.model.Device.class::isInstance).hasSize(1);
    }

    @Test
    @DisplayName("a device read that fails leaves the answer whole: no unavailable line, the readings stay")
    void failedDeviceReadIsNotFatal() throws Exception {
        FhirFetcher fetcher = (access, url) -> {
            throw new FhirFetchException("FHIR callback failed: SocketTimeoutException");
        };

        ResolvedData data = direct(fetcher).resolve(List.of(VITALS), prefetch("vitalSigns", READINGS_NAMING_DEVICES),
                ACCESS, TOKENS, SINCE);

        assertThat(data.unavailable()).isEmpty();
        assertThat(data.allObservations()).hasSize(4);
    }

    @Test
    @DisplayName("JSON null means 'no data': an empty list, no callback, nothing unavailable")
    void nullMeansNoData() throws Exception {
        ResolvedData data = direct(answering()).resolve(List.of(VITALS), prefetch("vitalSigns", "null"), ACCESS, TOKENS, SINCE);

        assertThat(fetched).isEmpty();
        assertThat(data.byKey()).containsEntry("vitalSigns", List.of());
        assertThat(data.unavailable()).isEmpty();
    }

    @Test
    @DisplayName("JSON null satisfies even a required key when there is no FHIR server")
    void nullSatisfiesRequiredKeyWithoutServer() throws Exception {
        ResolvedData data = direct(answering()).resolve(List.of(VITALS), prefetch("vitalSigns", "null"), null, TOKENS, SINCE);

        assertThat(data.byKey()).containsEntry("vitalSigns", List.of());
    }

    @Test
    @DisplayName("absent keys are fetched with the rendered URL, plus &date=ge<date> where the query has a dateParam")
    void absentKeysAreFetched() throws Exception {
        ResolvedData data = direct(answering()).resolve(List.of(VITALS, PATIENT), Map.of(), ACCESS, TOKENS, SINCE);

        assertThat(fetched).containsExactlyInAnyOrder(
                "Observation?patient=123&category=vital-signs&date=ge2025-10-16",
                "Patient/123");
        assertThat(data.byKey().get("vitalSigns")).singleElement().extracting(r -> r.getIdElement().getIdPart())
                .isEqualTo("from-server");
        assertThat(data.unavailable()).isEmpty();
    }

    @Test
    @DisplayName("a key holding an OperationOutcome was not satisfied by the EHR and is fetched")
    void operationOutcomeIsFetched() throws Exception {
        ResolvedData data = direct(answering()).resolve(List.of(VITALS), prefetch("vitalSigns", OPERATION_OUTCOME),
                ACCESS, TOKENS, SINCE);

        assertThat(fetched).containsExactly("Observation?patient=123&category=vital-signs&date=ge2025-10-16");
        assertThat(data.byKey().get("vitalSigns")).singleElement().isInstanceOf(Patient.class);
    }

    @Test
    @DisplayName("a required key neither prefetched nor fetchable (no fhirServer) is a PrefetchUnavailableException naming it")
    void requiredKeyWithoutServer() {
        PrefetchResolver resolver = direct(answering());

        assertThatThrownBy(() -> resolver.resolve(List.of(VITALS, PATIENT), Map.of(), null, TOKENS, SINCE))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                        e -> assertThat(e.keys()).containsExactly("vitalSigns"))
                .hasMessageContaining("vitalSigns");
        assertThat(fetched).isEmpty();
    }

    @Test
    @DisplayName("an optional key missing without a fhirServer is listed as unavailable, not an error")
    void optionalKeyWithoutServer() throws Exception {
        ResolvedData data = direct(answering()).resolve(List.of(VITALS, PATIENT), prefetch("vitalSigns", BUNDLE),
                null, TOKENS, SINCE);

        assertThat(data.unavailable()).containsExactly("patient");
        assertThat(data.observations().get("vitalSigns")).hasSize(2);
        assertThat(data.byKey()).doesNotContainKey("patient");
    }

    @Test
    @DisplayName("a callback that fails is listed as unavailable; the other data still arrives and nothing is thrown")
    void failedCallbackMakesAnswerPartial() {
        FhirFetcher fetcher = (access, url) -> {
            if (url.startsWith("Observation")) {
                throw new FhirFetchException("FHIR callback failed: SocketTimeoutException");
            }
            return List.of(new Patient());
        };

        ResolvedData data = direct(fetcher).resolve(List.of(VITALS, PATIENT), Map.of(), ACCESS, TOKENS, SINCE);

        assertThat(data.unavailable()).containsExactly("vitalSigns");
        assertThat(data.byKey()).doesNotContainKey("vitalSigns");
        assertThat(data.byKey().get("patient")).hasSize(1);
    }

    @Test
    @DisplayName("a callback its executor refuses (every helper thread busy, the queue full) is unavailable; the rest still arrives")
    void refusedCallbackIsUnavailable() {
        FhirFetcher fetcher = (access, url) -> List.of(new Patient());
        Executor runsTheFirstRefusesTheRest = new Executor() {
            private boolean used;

            @Override
            public void execute(Runnable task) {
                if (used) {
                    throw new RejectedExecutionException("every thread busy, the queue full");
                }
                used = true;
                task.run();
            }
        };

        // The keys are fetched in the order of their queries: the patient first, then the vital signs.
        ResolvedData data = new PrefetchResolver(fetcher, runsTheFirstRefusesTheRest, Duration.ofSeconds(2))
                .resolve(List.of(PATIENT, VITALS), Map.of(), ACCESS, TOKENS, SINCE);

        assertThat(data.byKey().get("patient")).hasSize(1);
        assertThat(data.unavailable()).containsExactly("vitalSigns");
    }

    @Test
    @DisplayName("a callback slower than the deadline is listed as unavailable and not waited for")
    void lateCallbackIsUnavailable() {
        pool = Executors.newFixedThreadPool(2);
        FhirFetcher fetcher = (access, url) -> {
            if (url.startsWith("Observation")) {
                sleep(5_000); // a server that hangs
            }
            return List.of(new Patient());
        };
        PrefetchResolver resolver = new PrefetchResolver(fetcher, pool, Duration.ofMillis(300));

        long started = System.nanoTime();
        ResolvedData data = resolver.resolve(List.of(VITALS, PATIENT), Map.of(), ACCESS, TOKENS, SINCE);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(data.unavailable()).containsExactly("vitalSigns");
        assertThat(data.byKey().get("patient")).hasSize(1);
        assertThat(elapsedMillis).as("bounded by the 300 ms deadline, not the 5 s server").isLessThan(2_000);
    }

    @Test
    @DisplayName("callbacks run in parallel: three 300 ms callbacks on three threads take well under 900 ms")
    void callbacksRunInParallel() {
        pool = Executors.newFixedThreadPool(3);
        Queue<long[]> intervals = new ConcurrentLinkedQueue<>();
        FhirFetcher fetcher = (access, url) -> {
            long start = System.nanoTime();
            sleep(300); // a server taking 300 ms per search
            intervals.add(new long[] {start, System.nanoTime()});
            return List.of(new Patient());
        };
        PrefetchResolver resolver = new PrefetchResolver(fetcher, pool, Duration.ofSeconds(5));

        long started = System.nanoTime();
        ResolvedData data = resolver.resolve(List.of(VITALS, PATIENT, MEDICATIONS), Map.of(), ACCESS, TOKENS, SINCE);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(data.unavailable()).isEmpty();
        assertThat(data.byKey()).containsOnlyKeys("vitalSigns", "patient", "medications");
        assertThat(elapsedMillis).isLessThan(750);
        // All three were in flight at once: the last one started before the first one finished.
        long lastStart = intervals.stream().mapToLong(i -> i[0]).max().orElseThrow();
        long firstEnd = intervals.stream().mapToLong(i -> i[1]).min().orElseThrow();
        assertThat(lastStart).isLessThan(firstEnd);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a prefetch value that is not a FHIR resource is an InvalidPrefetchException naming the key")
    @ValueSource(strings = {
            "[1, 2]",
            "\"Patient/123\"",
            "42",
            "{\"id\": \"123\"}",
            "{\"resourceType\": \"NoSuchResource\", \"id\": \"1\"}"
    })
    void invalidPrefetchValue(String value) throws Exception {
        Map<String, JsonNode> prefetch = prefetch("vitalSigns", value);
        PrefetchResolver resolver = direct(answering());

        assertThatThrownBy(() -> resolver.resolve(List.of(VITALS), prefetch, ACCESS, TOKENS, SINCE))
                .isInstanceOfSatisfying(InvalidPrefetchException.class, e -> assertThat(e.key()).isEqualTo("vitalSigns"))
                .hasMessageContaining("vitalSigns");
        assertThat(fetched).isEmpty();
    }

    @Test
    @DisplayName("the date bound starts the query string when the template has none, and is left out without a date")
    void callbackUrlVariants() {
        PrefetchQuery bare = new PrefetchQuery("k", "Observation", false, "date");

        assertThat(PrefetchResolver.callbackUrl(bare, Map.of(), SINCE)).isEqualTo("Observation?date=ge2025-10-16");
        assertThat(PrefetchResolver.callbackUrl(VITALS, TOKENS, null)).isEqualTo("Observation?patient=123&category=vital-signs");
        assertThat(PrefetchResolver.callbackUrl(PATIENT, TOKENS, SINCE)).isEqualTo("Patient/123");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirFetchException("interrupted");
        }
    }

    @Test
    void observationsFlipsideDoesNotReadAreDroppedBeforeParsing() throws Exception {
        JsonNode bundle = new ObjectMapper().readTree("""
                {"resourceType":"Bundle","type":"searchset","entry":[
                  {"resource":{"resourceType":"Observation","id":"bp","status":"final",
                    "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]}}},
                  {"resource":{"resourceType":"Observation","id":"hr","status":"final",
                    "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]}}},
                  {"resource":{"resourceType":"Device","id":"cuff"}},
                  {"resource":{"resourceType":"OperationOutcome"},"search":{"mode":"outcome"}}]}""");
        String before = bundle.toString();

        PrefetchResolver.Read kept = PrefetchResolver.read(parser(), "vitalSigns", bundle, Set.of("http://loinc.org|85354-9")).orElseThrow();

        assertThat(kept.observations()).extracting(ObservationView::id).containsExactly("bp");
        assertThat(kept.resources()).extracting(r -> r.getIdElement().getIdPart()).containsExactly("cuff");
        assertThat(bundle.toString()).as("the request's own tree is not changed").isEqualTo(before);
        PrefetchResolver.Read all = PrefetchResolver.read(parser(), "vitalSigns", bundle, Set.of()).orElseThrow();
        assertThat(all.observations().size() + all.resources().size())
                .as("without a code list every entry but the search outcome is read").isEqualTo(3);
    }

    @Test
    void entriesTakeTheirFullUrlAsIdAsInAnyFhirBundle() throws Exception {
        JsonNode bundle = new ObjectMapper().readTree("""
                {"resourceType":"Bundle","type":"searchset","entry":[
                  {"fullUrl":"https://ehr.example/fhir/Device/cuff-7","resource":{"resourceType":"Device","id":"cuff-7"}},
                  {"fullUrl":"urn:uuid:8c1e4f2a-0d59-4a6e-9d55-1f0b3f6f7a10","resource":{"resourceType":"Device"}}]}""");

        List<Resource> read = PrefetchResolver.read(parser(), "devices", bundle, Set.of()).orElseThrow().resources();

        assertThat(read.get(0).getIdElement().getIdPart()).isEqualTo("cuff-7");
        assertThat(read.get(1).getIdElement().getValue()).isEqualTo("urn:uuid:8c1e4f2a-0d59-4a6e-9d55-1f0b3f6f7a10");
    }

    @Test
    void aBundleWhoseEntryIsNotAnArrayIsRefusedByName() throws Exception {
        JsonNode bundle = new ObjectMapper().readTree("""
                {"resourceType":"Bundle","type":"searchset","entry":{"resource":{"resourceType":"Device"}}}""");
        assertThatThrownBy(() -> PrefetchResolver.read(parser(), "devices", bundle, Set.of()))
                .isInstanceOf(InvalidPrefetchException.class).hasMessageContaining("prefetch.devices.entry must be an array");
    }

    private static IJsonLikeParser parser() {
        return (IJsonLikeParser) FhirR4.context().newJsonParser();
    }
}

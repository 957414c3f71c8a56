package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;
import health.flipside.fhir.FhirR4;

/**
 * Writes the benchmark's two patient-view requests (bench/README.md), dated relative to now, into a folder:
 * <ul>
 * <li>{@code typical.json}: ≈ 300 resources — 4 weeks of home BP (twice daily, 2 readings each) from a
 * clinic-issued cuff with the cuff's pulse as heart-rate Observations, a smart scale's daily weight, office visits
 * with the usual vital signs, 3 devices, 3 medications, 4 conditions;</li>
 * <li>{@code heavy.json}: ≈ 4,500 Observations — 90 days of dense home BP (4 sessions × 2 readings a day) plus a
 * watch's heart rate every ≈ 35 minutes while awake and a daily weight;</li>
 * <li>{@code cgm.json}: the design budget's dense case — 14 days of raw CGM sensor readings every 5 minutes
 * (4,032, in the laboratory key as the CGM IG files them, no vendor summary) plus 4 weeks of home BP.</li>
 * </ul>
 * Usage: {@code BenchPayloads <folder>} (default target/bench). All data is invented.
 */
public final class BenchPayloads {
    private static final String LOINC = PatientBuilder.LOINC;
    private static final String UCUM = PatientBuilder.UCUM;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BenchPayloads() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(folder);
        Instant now = Instant.now();
        write(folder.resolve("typical.json"), typical(now));
        write(folder.resolve("heavy.json"), heavy(now));
        write(folder.resolve("cgm.json"), cgm(now, 14));
        // The same patient with 4, 7 and 28 days of sensor readings: how cost grows with the number of resources.
        for (int days : CGM_DAYS) {
            if (days != 14) {
                write(folder.resolve("cgm-" + days + "d.json"), cgm(now, days));
            }
        }
    }

    /** Days of raw CGM readings of the CGM payloads; 14 is cgm.json (the design budget's dense case). */
    static final int[] CGM_DAYS = {4, 7, 14, 28};

    /** A patient with its extra (non-BP) vital signs, which PatientBuilder does not model. */
    private record Payload(String name, PatientBuilder patient, List<Observation> extraVitals) {
    }

    static ObjectNode typical(Instant now) {
        Random random = new Random(1);
        PatientBuilder p = new PatientBuilder("bench-typical", "Example", "Taylor", AdministrativeGender.FEMALE, 1963);
        String cuff = p.device("bench-typical-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        String scale = p.device("bench-typical-scale", "Withings", "Body+", null, true);
        p.device("bench-typical-watch", "Samsung", "Galaxy Watch", null, true);
        List<Observation> extra = new ArrayList<>();
        for (int day = 28; day >= 1; day--) {
            for (int[] time : new int[][] {{7, 0}, {7, 2}, {21, 0}, {21, 2}}) {
                OffsetDateTime at = daysBefore(now, day, time[0], time[1]);
                p.home(at, 132 + random.nextInt(14), 80 + random.nextInt(10), "mm[Hg]", cuff);
                extra.add(heartRate(p, at, 62 + random.nextInt(18), cuff));
            }
            extra.add(weight(p, daysBefore(now, day, 6, 45), 82.0 + random.nextGaussian() * 0.4, scale));
        }
        for (int visit : new int[] {180, 120, 90, 60, 20}) {
            OffsetDateTime at = daysBefore(now, visit, 10, 15);
            p.office(at, 126 + random.nextInt(6), 76 + random.nextInt(5));
            extra.addAll(officeVitals(p, at, random));
        }
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        p.medication("314076", "lisinopril 10 MG Oral Tablet");
        p.medication("617310", "atorvastatin 20 MG Oral Tablet");
        p.condition("38341003", "Hypertensive disorder");
        p.condition("44054006", "Diabetes mellitus type 2");
        p.condition("55822004", "Hyperlipidemia");
        p.condition("162864005", "Body mass index 30+ - obesity");
        return request(new Payload("typical", p, extra), now);
    }

    static ObjectNode heavy(Instant now) {
        Random random = new Random(2);
        PatientBuilder p = new PatientBuilder("bench-heavy", "Example", "Parker", AdministrativeGender.MALE, 1957);
        String cuff = p.device("bench-heavy-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        String watch = p.device("bench-heavy-watch", "Samsung", "Galaxy Watch", null, true);
        String scale = p.device("bench-heavy-scale", "Withings", "Body+", null, true);
        List<Observation> extra = new ArrayList<>();
        for (int day = 90; day >= 1; day--) {
            for (int[] time : new int[][] {{7, 0}, {7, 2}, {12, 30}, {12, 32}, {17, 0}, {17, 2}, {21, 0}, {21, 2}}) {
                p.home(daysBefore(now, day, time[0], time[1]), 130 + random.nextInt(18), 78 + random.nextInt(12), "mm[Hg]", cuff);
            }
            for (int minute = 7 * 60; minute < 7 * 60 + 41 * 35; minute += 35) { // 41 watch readings, 07:00–06:55
                OffsetDateTime at = daysBefore(now, day, 0, 0).plusMinutes(minute);
                extra.add(heartRate(p, at, 58 + random.nextInt(40), watch));
            }
            extra.add(weight(p, daysBefore(now, day, 6, 45), 91.0 + random.nextGaussian() * 0.5, scale));
        }
        for (int visit : new int[] {85, 60, 30, 10}) {
            OffsetDateTime at = daysBefore(now, visit, 9, 30);
            p.office(at, 128 + random.nextInt(6), 78 + random.nextInt(5));
            extra.addAll(officeVitals(p, at, random));
        }
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        p.medication("310798", "hydrochlorothiazide 25 MG Oral Tablet");
        p.condition("38341003", "Hypertensive disorder");
        p.condition("44054006", "Diabetes mellitus type 2");
        p.condition("49436004", "Atrial fibrillation");
        return request(new Payload("heavy", p, extra), now);
    }

    /** Raw CGM readings every 5 minutes for {@code days} (288 a day), plus 4 weeks of home BP (112). */
    static ObjectNode cgm(Instant now, int days) {
        Random random = new Random(3);
        PatientBuilder p = new PatientBuilder("bench-cgm", "Example", "Quinn", AdministrativeGender.FEMALE, 1988);
        String cuff = p.device("bench-cgm-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        String sensor = p.device("bench-cgm-sensor", "Dexcom", "G7", null, false);
        for (int day = 28; day >= 1; day--) {
            for (int[] time : new int[][] {{7, 0}, {7, 2}, {21, 0}, {21, 2}}) {
                p.home(daysBefore(now, day, time[0], time[1]), 124 + random.nextInt(12), 76 + random.nextInt(8), "mm[Hg]", cuff);
            }
        }
        OffsetDateTime start = daysBefore(now, days, 0, 0);
        for (int i = 0; i < days * 288; i++) { // every 5 minutes
            double mgdl = 140 + 55 * Math.sin(i * 2 * Math.PI / 288) + random.nextGaussian() * 15;
            p.observation("laboratory", start.plusMinutes(5L * i), new Coding(LOINC, "99504-3", "Glucose [Mass/volume] in Interstitial fluid"),
                    (double) Math.round(Math.max(40, Math.min(400, mgdl))), "mg/dL", sensor);
        }
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return request(new Payload("cgm", p, List.of()), now);
    }

    private static ObjectNode request(Payload payload, Instant now) {
        ExamplePatients.Example example = new ExamplePatients.Example("bench-" + payload.name(), "benchmark payload",
                at -> payload.patient());
        ObjectNode request = ExamplePatients.hookRequest(example, now);
        ObjectNode vitals = (ObjectNode) request.path("prefetch").path("vitalSigns");
        ArrayNode entries = vitals.withArray("entry");
        IParser parser = FhirR4.context().newJsonParser();
        for (Observation observation : payload.extraVitals()) {
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", "https://ehr.example.org/fhir/Observation/" + observation.getIdElement().getIdPart());
            try {
                entry.set("resource", MAPPER.readTree(parser.encodeResourceToString(observation)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            entry.putObject("search").put("mode", "match");
        }
        vitals.put("total", entries.size());
        return request;
    }

    private static int sequence;

    private static Observation vital(PatientBuilder p, OffsetDateTime at, String loinc, String display, double value,
            String unit, String unitDisplay) {
        Observation observation = new Observation();
        observation.setId(p.patientId() + "-vs-" + (++sequence));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        observation.setCode(new CodeableConcept().addCoding(new Coding(LOINC, loinc, display)).setText(display));
        observation.setSubject(new Reference("Patient/" + p.patientId()));
        observation.setEffective(new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(at.getOffset())));
        observation.setIssued(Date.from(at.toInstant().plusSeconds(90)));
        observation.setValue(new Quantity().setValue(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP))
                .setUnit(unitDisplay).setSystem(UCUM).setCode(unit));
        return observation;
    }

    private static Observation heartRate(PatientBuilder p, OffsetDateTime at, int bpm, String device) {
        Observation observation = vital(p, at, "8867-4", "Heart rate", bpm, "/min", "beats/minute");
        observation.addPerformer(new Reference("Patient/" + p.patientId()));
        observation.setDevice(new Reference(device));
        return observation;
    }

    private static Observation weight(PatientBuilder p, OffsetDateTime at, double kg, String device) {
        Observation observation = vital(p, at, "29463-7", "Body weight", kg, "kg", "kg");
        observation.addPerformer(new Reference("Patient/" + p.patientId()));
        observation.setDevice(new Reference(device));
        return observation;
    }

    /** What a nurse records at a visit besides BP: pulse, weight, height, temperature, respiratory rate, SpO2. */
    private static List<Observation> officeVitals(PatientBuilder p, OffsetDateTime at, Random random) {
        List<Observation> vitals = List.of(
                vital(p, at, "8867-4", "Heart rate", 64 + random.nextInt(16), "/min", "beats/minute"),
                vital(p, at, "29463-7", "Body weight", 82.0 + random.nextGaussian(), "kg", "kg"),
                vital(p, at, "8302-2", "Body height", 168.0, "cm", "cm"),
                vital(p, at, "8310-5", "Body temperature", 36.6 + random.nextInt(5) / 10.0, "Cel", "C"),
                vital(p, at, "9279-1", "Respiratory rate", 14 + random.nextInt(4), "/min", "breaths/minute"),
                vital(p, at, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", 96 + random.nextInt(4), "%", "%"));
        vitals.forEach(o -> {
            o.addPerformer(new Reference("Practitioner/flipside-demo-nurse"));
            o.setEncounter(new Reference("Encounter/" + p.patientId() + "-visit-" + at.toLocalDate()));
        });
        return vitals;
    }

    private static void write(Path file, ObjectNode request) throws Exception {
        byte[] bytes = MAPPER.writeValueAsBytes(request);
        Files.write(file, bytes);
        JsonNode prefetch = request.path("prefetch");
        int total = 0;
        StringBuilder counts = new StringBuilder();
        for (String key : List.of("patient", "vitalSigns", "laboratory", "devices", "medications", "conditions")) {
            JsonNode node = prefetch.path(key);
            int n = "Bundle".equals(node.path("resourceType").asText()) ? node.path("entry").size() : 1;
            int observations = 0;
            if ("vitalSigns".equals(key)) {
                for (JsonNode entry : node.path("entry")) {
                    observations += "Observation".equals(entry.path("resource").path("resourceType").asText()) ? 1 : 0;
                }
            }
            total += n;
            counts.append(' ').append(key).append('=').append(n);
            if ("vitalSigns".equals(key)) {
                counts.append(" (").append(observations).append(" Observations)");
            }
        }
        System.out.printf("%s: %d resources [%s ], %,d bytes%n", file, total, counts.toString().trim(), bytes.length);
    }
}

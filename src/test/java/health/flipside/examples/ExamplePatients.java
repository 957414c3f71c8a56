package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.parser.IParser;
import health.flipside.fhir.FhirR4;

/**
 * The bundled example patients (examples/README.md vignettes and edge cases, plus the extra cases),
 * generated relative to a "now" so they stay valid: {@code examples/} holds them as of {@link #ANCHOR}, tests and
 * the benchmark build them as of any instant. All people and data are fictional.
 */
public final class ExamplePatients {
    /** The instant the files in examples/ are written for; examples/send.java shifts them to the present. */
    public static final Instant ANCHOR = Instant.parse("2026-11-20T12:00:00Z");
    /** The example patients' UTC offset: their local dates and times are on this clock. */
    public static final java.time.ZoneOffset PATIENT_ZONE = PatientBuilder.PATIENT_ZONE;

    public record Example(String name, String description, Function<Instant, PatientBuilder> patient) {
    }

    public static final List<Example> ALL = java.util.stream.Stream.of(List.of(
            new Example("vignette-1-masked-uncontrolled",
                    "Clinical vignette 1: treated, office at goal, 52 home readings on 13 days averaging 138/86 from a clinic-issued cuff",
                    ExamplePatients::vignette1),
            new Example("vignette-4-no-devices",
                    "Clinical vignette 4: office 142/88 and 144/90, no home devices at all",
                    ExamplePatients::vignette4),
            new Example("edge-2-cuffless-watch-only",
                    "Edge case 2: only cuffless smartwatch BP (150/95); nothing classified",
                    ExamplePatients::cufflessOnly),
            new Example("edge-3-insufficient-readings",
                    "Edge case 3: 6 readings on 2 days from a validated patient-owned cuff",
                    ExamplePatients::insufficient),
            new Example("white-coat-untreated",
                    "Untreated, office 146/92 at two visits, home 124/76 over 4 days: white-coat pattern",
                    ExamplePatients::whiteCoat),
            new Example("critical-home-reading",
                    "One validated home reading of 186/122 yesterday evening among normal readings",
                    ExamplePatients::criticalReading),
            new Example("mixed-units",
                    "Home readings in mm[Hg] and kPa (converted by UCUM), one in a non-UCUM unit (skipped)",
                    ExamplePatients::mixedUnits),
            new Example("duplicate-readings",
                    "12 readings on 3 days delivered twice by two aggregators: counted once",
                    ExamplePatients::duplicates),
            new Example("bp-hf-drugs-only",
                    "Heart failure on furosemide and spironolactone only, home 142/88 and office 145/89: untreated, HF drugs alone are not antihypertensive treatment",
                    BloodPressureGapExamples::heartFailureDrugsOnly),
            new Example("bp-low-on-three-drugs",
                    "On amlodipine, lisinopril and hydrochlorothiazide, home mean 86/56 over 7 days: consider de-intensifying",
                    BloodPressureGapExamples::lowOnThreeDrugs),
            new Example("bp-symptomatic-low",
                    "On amlodipine/valsartan and chlorthalidone (3 drugs), home mean 118/72 but 84/52 two days ago with dizziness reported the same morning",
                    BloodPressureGapExamples::symptomaticLow),
            new Example("bp-low-one-drug",
                    "On amlodipine only, home mean 94/58 over 5 days: an info line, no warning",
                    BloodPressureGapExamples::lowOnOneDrug),
            new Example("bp-office-dated",
                    "Treated, home 142/88 over 10 days, office visits 230 and 190 days ago: the office mean is dated"
                            + " (\"from 2026-05\")",
                    BloodPressureGapExamples::officeDated)), GlucoseExamples.ALL, HeartFailureExamples.ALL, WearableExamples.ALL, WearableBoundaryExamples.ALL, PromsExamples.ALL, SafetyNetExamples.ALL, ContextExamples.ALL).flatMap(List::stream).toList();

    private ExamplePatients() {
    }

    public static Example named(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No example patient '" + name + "'"));
    }

    /** A full patient-view hook request with every prefetch key of patient-data-summary filled. */
    public static ObjectNode hookRequest(Example example, Instant now) {
        PatientBuilder p = example.patient().apply(now);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode request = mapper.createObjectNode();
        request.put("hookInstance", UUID.nameUUIDFromBytes((example.name() + now).getBytes()).toString());
        request.put("hook", "patient-view");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/flipside-demo-physician");
        context.put("patientId", p.patientId());
        ObjectNode prefetch = request.putObject("prefetch");
        Map<String, Resource> keys = new LinkedHashMap<>();
        keys.put("patient", p.patient());
        keys.put("vitalSigns", p.vitalSigns());
        keys.put("devices", p.devices());
        keys.put("medications", p.medications());
        keys.put("conditions", p.conditions());
        keys.put("laboratory", p.laboratory());
        keys.put("activity", p.activity());
        keys.put("surveys", p.surveys());
        keys.put("questionnaireResponses", p.questionnaireResponses());
        keys.put("procedures", p.procedures());
        keys.put("episodesOfCare", p.episodesOfCare());
        keys.put("socialHistory", p.socialHistory());
        keys.put("ecgReports", p.ecgReports());
        IParser parser = FhirR4.context().newJsonParser();
        keys.forEach((key, resource) -> {
            try {
                prefetch.set(key, mapper.readTree(parser.encodeResourceToString(resource)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return request;
    }

    /** The same patient as a FHIR transaction (PUT by id, so loading twice is harmless), for the no-prefetch path. */
    public static String transaction(Example example, Instant now) {
        return transaction(example.patient().apply(now).allResources());
    }

    /** Resources as a FHIR transaction, each PUT by its id. */
    static String transaction(List<Resource> resources) {
        org.hl7.fhir.r4.model.Bundle bundle = new org.hl7.fhir.r4.model.Bundle();
        bundle.setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            bundle.addEntry().setFullUrl(url).setResource(resource).getRequest()
                    .setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.PUT).setUrl(url);
        }
        return FhirR4.context().newJsonParser().encodeResourceToString(bundle);
    }

    static PatientBuilder vignette1(Instant now) {
        PatientBuilder p = new PatientBuilder("vignette-1", "Example", "Morgan", AdministrativeGender.MALE, 1968);
        String cuff = p.device("vignette-1-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        int[] systolic = {134, 140, 137, 141};
        int[] diastolic = {84, 87, 85, 88};
        int reading = 0;
        for (int day = 14; day >= 1; day--) {
            if (day == 8) {
                continue; // one missed day: 13 days, longest gap 1 day
            }
            for (int[] time : new int[][] {{7, 0}, {7, 2}, {21, 0}, {21, 2}}) {
                p.home(daysBefore(now, day, time[0], time[1]), systolic[reading % 4], diastolic[reading % 4], "mm[Hg]", cuff);
                reading++;
            }
        }
        p.office(daysBefore(now, 60, 10, 15), 126, 78);
        p.office(daysBefore(now, 20, 9, 40), 128, 76);
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        p.condition("38341003", "Hypertensive disorder");
        return p;
    }

    static PatientBuilder vignette4(Instant now) {
        PatientBuilder p = new PatientBuilder("vignette-4", "Example", "Avery", AdministrativeGender.FEMALE, 1959);
        p.office(daysBefore(now, 45, 11, 0), 142, 88);
        p.office(daysBefore(now, 3, 10, 30), 144, 90);
        PromsExamples.vignette4Phq9(p, now); // PHQ-9 in clinic 3 weeks ago: 8, item 9 "not at all" (§9 vignette 4)
        return p;
    }

    static PatientBuilder cufflessOnly(Instant now) {
        PatientBuilder p = new PatientBuilder("edge-2", "Example", "Jordan", AdministrativeGender.MALE, 1982);
        String watch = p.device("edge-2-watch", "Samsung", "Galaxy Watch", null, true);
        for (int day = 5; day >= 1; day--) {
            p.home(daysBefore(now, day, 8, 0), 150, 95, "mm[Hg]", watch);
            p.home(daysBefore(now, day, 20, 0), 150, 95, "mm[Hg]", watch);
        }
        return p;
    }

    static PatientBuilder insufficient(Instant now) {
        PatientBuilder p = new PatientBuilder("edge-3", "Example", "Riley", AdministrativeGender.FEMALE, 1975);
        String cuff = p.device("edge-3-cuff", "A&D Medical", "UA-651BLE", null, false);
        for (int day = 2; day >= 1; day--) {
            p.home(daysBefore(now, day, 7, 0), 136, 84, "mm[Hg]", cuff);
            p.home(daysBefore(now, day, 7, 2), 134, 82, "mm[Hg]", cuff);
            p.home(daysBefore(now, day, 21, 0), 138, 86, "mm[Hg]", cuff);
        }
        p.office(daysBefore(now, 30, 9, 0), 132, 82);
        return p;
    }

    static PatientBuilder whiteCoat(Instant now) {
        PatientBuilder p = new PatientBuilder("white-coat", "Example", "Casey", AdministrativeGender.FEMALE, 1970);
        String cuff = p.device("white-coat-cuff", "A&D Medical", "UA-651BLE", null, false);
        for (int day = 4; day >= 1; day--) {
            for (int[] time : new int[][] {{7, 0}, {7, 2}, {20, 0}, {20, 2}}) {
                p.home(daysBefore(now, day, time[0], time[1]), 124, 76, "mm[Hg]", cuff);
            }
        }
        p.office(daysBefore(now, 40, 10, 0), 146, 92);
        p.office(daysBefore(now, 6, 10, 0), 146, 92);
        return p;
    }

    static PatientBuilder criticalReading(Instant now) {
        PatientBuilder p = new PatientBuilder("critical", "Example", "Sam", AdministrativeGender.MALE, 1961);
        String cuff = p.device("critical-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        for (int day = 5; day >= 2; day--) {
            p.home(daysBefore(now, day, 7, 0), 124, 74, "mm[Hg]", cuff);
            p.home(daysBefore(now, day, 7, 2), 124, 74, "mm[Hg]", cuff);
            p.home(daysBefore(now, day, 21, 0), 124, 74, "mm[Hg]", cuff);
        }
        p.home(daysBefore(now, 1, 2, 30), 186, 122, "mm[Hg]", cuff);
        return p;
    }

    static PatientBuilder mixedUnits(Instant now) {
        PatientBuilder p = new PatientBuilder("mixed-units", "Example", "Quinn", AdministrativeGender.MALE, 1966);
        String cuff = p.device("mixed-units-cuff", "A&D Medical", "UA-651BLE", null, false);
        for (int day = 4; day >= 1; day--) {
            p.home(daysBefore(now, day, 7, 0), 140, 90, "mm[Hg]", cuff);
            p.home(daysBefore(now, day, 7, 2), 140, 90, "mm[Hg]", cuff);
            // 18.665 kPa = 140.0 mm[Hg]; 11.999 kPa = 90.0 mm[Hg]
            p.home(daysBefore(now, day, 21, 0), 18.665, 11.999, "kPa", cuff);
            p.home(daysBefore(now, day, 21, 2), 18.665, 11.999, "kPa", cuff);
        }
        p.home(daysBefore(now, 1, 22, 0), 120, 70, "mmHg", cuff); // not a UCUM code: skipped, not guessed
        return p;
    }

    static PatientBuilder duplicates(Instant now) {
        PatientBuilder p = new PatientBuilder("duplicates", "Example", "Drew", AdministrativeGender.FEMALE, 1972);
        String cuff = p.device("duplicates-cuff", "Omron Healthcare", "HEM-9200T", PatientBuilder.CLINIC, false);
        for (int day = 3; day >= 1; day--) {
            for (int[] time : new int[][] {{7, 0}, {7, 2}, {21, 0}, {21, 2}}) {
                p.home(daysBefore(now, day, time[0], time[1]), 122, 74, "mm[Hg]", cuff);
            }
        }
        return p.duplicateHomeReadingsViaAggregator();
    }
}

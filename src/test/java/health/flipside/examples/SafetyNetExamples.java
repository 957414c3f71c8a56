package health.flipside.examples;

import static health.flipside.examples.PatientBuilder.daysBefore;

import java.time.Instant;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Example patients for the clinical safety net: home readings shaped like the HL7 Personal Health Device IG, whose
 * Devices carry no patient element (so Device?patient=… misses them), devices not on the hospital's list, values
 * typed into a portal, broken device records, and more urgent findings than the card budget holds. All fictional.
 */
final class SafetyNetExamples {
    static final String LOINC = PatientBuilder.LOINC;
    static final String PHD_BPM = "528391";
    static final String PHD_GLUCOSE = "528401";

    static final List<ExamplePatients.Example> ALL = List.of(
            new ExamplePatients.Example("safety-phd-regulated-cuff",
                    "Treated, office at goal; 56 home readings over 14 days from an unlisted PHD cuff that declares itself regulated (device sent only as an _include of the readings), mean 141/88, and 188/121 yesterday evening",
                    SafetyNetExamples::phdRegulatedCuff),
            new ExamplePatients.Example("safety-device-not-provided",
                    "The readings of safety-phd-regulated-cuff whose PHD device the EHR did not send at all (no include, no patient element): the readings are kept as unverified",
                    SafetyNetExamples::deviceNotProvided),
            new ExamplePatients.Example("safety-typed-in-severe-bp",
                    "A home BP of 210/125 typed into the portal yesterday (performer the patient, no device), with a few ordinary typed-in values",
                    SafetyNetExamples::typedInSevereBp),
            new ExamplePatients.Example("safety-glucose-very-high-type1",
                    "Type 1 diabetes on insulin; an unlisted PHD glucose meter that declares itself regulated reads 352 mg/dL yesterday evening",
                    SafetyNetExamples::veryHighGlucoseType1),
            new ExamplePatients.Example("safety-spo2-consumer-oximeter",
                    "An oximeter not on the list that declares nothing, 85% two days ago among values of 95–97%, no lung disease",
                    SafetyNetExamples::consumerOximeterVeryLow),
            new ExamplePatients.Example("safety-bad-device-record",
                    "A cuff whose Device record has an empty regulation-status code, a nameless deviceName and an empty type coding; 183/112 yesterday",
                    SafetyNetExamples::badDeviceRecord),
            new ExamplePatients.Example("safety-budget-overflow",
                    "On insulin: typed-in glucose 48 mg/dL, typed-in SpO2 86% and typed-in BP 205/118 in the last days, and a positive PHQ-2: more findings than the 3-card budget",
                    SafetyNetExamples::budgetOverflow),
            new ExamplePatients.Example("safety-cgm-report-phd-included",
                    "Vignette 3's CGM report from a listed Dexcom G7 that the EHR sends only as an _include of the readings (no patient element)",
                    SafetyNetExamples::cgmReportIncludedDevice));

    private SafetyNetExamples() {
    }

    /** Two readings each morning and evening for 14 days (56, mean 141/88), and 188/121 yesterday evening. */
    private static void homeWeeks(PatientBuilder p, Instant now, String cuff) {
        int[][] values = {{138, 86}, {144, 90}, {140, 87}, {142, 89}};
        int i = 0;
        for (int day = 14; day >= 1; day--) {
            for (int[] time : new int[][] {{7, 5}, {7, 7}, {21, 5}, {21, 7}}) {
                int[] v = values[i++ % values.length];
                p.home(daysBefore(now, day, time[0], time[1]), v[0], v[1], "mm[Hg]", cuff);
            }
        }
        p.home(daysBefore(now, 1, 22, 40), 188, 121, "mm[Hg]", cuff);
    }

    static PatientBuilder phdRegulatedCuff(Instant now) {
        return treatedWithPhdCuff(new PatientBuilder("safety-phd-cuff", "Example", "Jordan", AdministrativeGender.FEMALE, 1962),
                now, PatientBuilder.Delivery.INCLUDED);
    }

    static PatientBuilder deviceNotProvided(Instant now) {
        return treatedWithPhdCuff(new PatientBuilder("safety-no-device", "Example", "Quinn", AdministrativeGender.MALE, 1960),
                now, PatientBuilder.Delivery.SERVER_ONLY);
    }

    /** Treated, office at goal, the home weeks from an unlisted PHD cuff that declares itself regulated. */
    private static PatientBuilder treatedWithPhdCuff(PatientBuilder p, Instant now, PatientBuilder.Delivery delivery) {
        homeWeeks(p, now, p.phdDevice(p.patientId() + "-cuff", "Acme Health", "BP-1", PHD_BPM, "Blood Pressure Cuff",
                false, delivery));
        p.office(daysBefore(now, 40, 10, 0), 126, 78);
        p.office(daysBefore(now, 12, 9, 30), 128, 76);
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        return p;
    }

    static PatientBuilder typedInSevereBp(Instant now) {
        PatientBuilder p = new PatientBuilder("safety-typed-bp", "Example", "Reese", AdministrativeGender.MALE, 1957);
        p.home(daysBefore(now, 5, 8, 0), 142, 88, "mm[Hg]", null);
        p.home(daysBefore(now, 3, 8, 10), 146, 90, "mm[Hg]", null);
        p.home(daysBefore(now, 1, 18, 30), 210, 125, "mm[Hg]", null);
        p.medication("197361", "amlodipine 5 MG Oral Tablet");
        return p;
    }

    static PatientBuilder veryHighGlucoseType1(Instant now) {
        PatientBuilder p = new PatientBuilder("safety-high-glucose", "Example", "Sasha", AdministrativeGender.FEMALE, 1994);
        String meter = p.phdDevice("safety-high-glucose-meter", "Acme Health", "GM-7", PHD_GLUCOSE, "Glucose Monitor",
                false, PatientBuilder.Delivery.INCLUDED);
        double[] values = {142, 168, 131, 352};
        for (int i = 0; i < values.length; i++) {
            p.observation("laboratory", daysBefore(now, values.length - i, 19, 30), new Coding(LOINC, "41653-7",
                    "Glucose [Mass/volume] in Capillary blood by Glucometer"), values[i], "mg/dL", meter);
        }
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return p;
    }

    static PatientBuilder consumerOximeterVeryLow(Instant now) {
        PatientBuilder p = new PatientBuilder("safety-oximeter", "Example", "Tatum", AdministrativeGender.MALE, 1949);
        String oximeter = p.device("safety-oximeter-device", "Generic Health", "OX-100 Pulse Oximeter", null, null);
        double[] values = {96, 97, 85, 95};
        for (int i = 0; i < values.length; i++) {
            p.observation("vital-signs", daysBefore(now, 4 - i, 9, 0), new Coding(LOINC, "59408-5",
                    "Oxygen saturation in Arterial blood by Pulse oximetry"), values[i], "%", oximeter);
        }
        return p;
    }

    static PatientBuilder badDeviceRecord(Instant now) {
        PatientBuilder p = new PatientBuilder("safety-bad-device", "Example", "Umber", AdministrativeGender.FEMALE, 1966);
        Device device = new Device();
        device.setId("safety-bad-device-cuff");
        device.addDeviceName(); // a deviceName without a name
        device.setType(new CodeableConcept().addCoding(new Coding())); // an empty coding
        device.addProperty()
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/ASN1ToHL7", "532354.0", null)))
                .addValueCode(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0136", "", null)));
        String cuff = p.rawDevice(device, PatientBuilder.Delivery.INCLUDED);
        p.home(daysBefore(now, 3, 8, 0), 148, 92, "mm[Hg]", cuff);
        p.home(daysBefore(now, 2, 8, 0), 151, 94, "mm[Hg]", cuff);
        p.home(daysBefore(now, 1, 20, 15), 183, 112, "mm[Hg]", cuff);
        return p;
    }

    static PatientBuilder budgetOverflow(Instant now) {
        PatientBuilder p = new PatientBuilder("safety-budget", "Example", "Vale", AdministrativeGender.FEMALE, 1953);
        p.observation("laboratory", daysBefore(now, 2, 6, 45), new Coding(LOINC, "41653-7",
                "Glucose [Mass/volume] in Capillary blood by Glucometer"), 48.0, "mg/dL", null);
        p.observation("vital-signs", daysBefore(now, 1, 9, 0), new Coding(LOINC, "59408-5",
                "Oxygen saturation in Arterial blood by Pulse oximetry"), 86.0, "%", null);
        p.home(daysBefore(now, 1, 21, 0), 205, 118, "mm[Hg]", null);
        p.observation("survey", daysBefore(now, 4, 7, 50), new Coding(LOINC, "55758-7",
                "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]"), 4.0, "{score}", null);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("44054006", "Diabetes mellitus type 2");
        return p;
    }

    static PatientBuilder cgmReportIncludedDevice(Instant now) {
        PatientBuilder p = new PatientBuilder("safety-cgm-included", "Example", "Wren", AdministrativeGender.FEMALE, 1990);
        String sensor = p.phdDevice("safety-cgm-included-sensor", "Dexcom", "G7", null, null,
                false, PatientBuilder.Delivery.INCLUDED);
        GlucoseExamples.vignette3Report(p, now, sensor);
        p.medication("261551", "insulin glargine 100 UNT/ML Injectable Solution");
        p.condition("46635009", "Diabetes mellitus type 1");
        return p;
    }
}

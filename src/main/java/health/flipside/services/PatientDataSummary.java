package health.flipside.services;

import java.util.List;

import health.flipside.fhir.FactExtractor;
import health.flipside.fhir.PrefetchQuery;

/**
 * The descriptor of {@code patient-data-summary}, Flipside's patient-view service.
 *
 * Prefetch templates stay inside the CDS Hooks 2.0 query restrictions (instance read; search on the patient
 * reference; token equality; _sort and _count), with one exception: the Observation searches ask for
 * {@code _include=Observation:device} (the cds-hooks.org best practices recommend it). Home readings shaped by the
 * HL7 Personal Health Device IG reference a Device that carries no {@code patient} element, so the {@code devices}
 * search cannot find it; an EHR that ignores the include still sends the readings, and Flipside then reads the
 * devices they name by callback (PrefetchResolver). A 2.0 token cannot say "today minus 400 days", so the
 * templates are bounded by _count and the newest-first sort, and Flipside adds a date bound on its own callbacks.
 */
public final class PatientDataSummary {
    public static final String ID = "patient-data-summary";
    /** Observations Flipside reads; the rest of a prefetched Bundle is dropped before FHIR parsing. */
    private static final java.util.Set<String> OBSERVATION_CODES = FactExtractor.observationCodes();

    private PatientDataSummary() {
    }

    public static ServiceDescriptor descriptor() {
        return new ServiceDescriptor(ID, "patient-view", "Patient-generated data summary",
                "Summarises the patient's own data (home blood pressure, glucose and CGM, weight, wearables, activity, "
                        + "sleep, questionnaires) against guidelines: what the numbers mean, how far the data can be "
                        + "trusted, and talking points for shared decision making.",
                List.of(
                        new PrefetchQuery("patient", "Patient/{{context.patientId}}", false, null),
                        new PrefetchQuery("vitalSigns",
                                "Observation?patient={{context.patientId}}&category=vital-signs&_sort=-date&_count=1000&_include=Observation:device",
                                true, "date", OBSERVATION_CODES),
                        // The CGM IG files sensor readings and reports under laboratory: the codes decide what is read.
                        new PrefetchQuery("laboratory",
                                "Observation?patient={{context.patientId}}&category=laboratory&_sort=-date&_count=5000&_include=Observation:device",
                                false, "date", OBSERVATION_CODES),
                        new PrefetchQuery("activity",
                                "Observation?patient={{context.patientId}}&category=activity&_sort=-date&_count=1000&_include=Observation:device",
                                false, "date", OBSERVATION_CODES),
                        new PrefetchQuery("surveys",
                                "Observation?patient={{context.patientId}}&category=survey&_sort=-date&_count=200", false, "date"),
                        new PrefetchQuery("questionnaireResponses",
                                "QuestionnaireResponse?patient={{context.patientId}}&_sort=-authored&_count=50", false, "authored"),
                        new PrefetchQuery("devices", "Device?patient={{context.patientId}}", false, null),
                        new PrefetchQuery("medications", "MedicationRequest?patient={{context.patientId}}&status=active", false, null),
                        new PrefetchQuery("conditions", "Condition?patient={{context.patientId}}&clinical-status=active", false, null),
                        new PrefetchQuery("procedures", "Procedure?patient={{context.patientId}}&_sort=-date&_count=100", false, "date"),
                        // Patient context (issue 9): pregnancy/postpartum and palliative or hospice care as episodes,
                        // pregnancy status and delivery date (US Core files them under social-history), ECG reports.
                        new PrefetchQuery("episodesOfCare", "EpisodeOfCare?patient={{context.patientId}}&status=active", false, null),
                        new PrefetchQuery("socialHistory",
                                "Observation?patient={{context.patientId}}&category=social-history&_sort=-date&_count=100", false, "date"),
                        new PrefetchQuery("ecgReports",
                                "DiagnosticReport?patient={{context.patientId}}&category=LP29708-2&_sort=-date&_count=20", false, "date")),
                "Needs read access to the patient's Observation, QuestionnaireResponse, Device, MedicationRequest, "
                        + "Condition, Procedure, EpisodeOfCare and DiagnosticReport resources (prefetch, or "
                        + "fhirAuthorization with patient/*.read scopes).");
    }
}

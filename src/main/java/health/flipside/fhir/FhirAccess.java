package health.flipside.fhir;

/**
 * How to reach the EHR's FHIR server for one hook call: {@code fhirServer} and the {@code fhirAuthorization}
 * bearer token. The token is transient (CDS Hooks "FHIR Resource Access"): never stored, never logged.
 */
public record FhirAccess(String serverBase, String accessToken) {
    @Override
    public String toString() {
        return "FhirAccess[serverBase=" + serverBase + ", accessToken=" + (accessToken == null ? "none" : "***") + "]";
    }
}

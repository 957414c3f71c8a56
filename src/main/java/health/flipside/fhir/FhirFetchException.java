package health.flipside.fhir;

/** A callback to the EHR's FHIR server failed; the message never contains the token or patient data. */
public class FhirFetchException extends RuntimeException {
    public FhirFetchException(String message) {
        super(message);
    }
}

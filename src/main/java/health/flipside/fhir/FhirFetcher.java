package health.flipside.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.Resource;

/** Runs one read or search against the EHR's FHIR server; a seam so the resolver can be tested without a server. */
public interface FhirFetcher {

    /**
     * @param relativeUrl e.g. "Observation?patient=123&category=vital-signs" or "Patient/123"
     * @return the resource read, or the entries of every page of the search (up to the fetcher's limit)
     * @throws FhirFetchException when the server cannot be reached, times out, refuses or answers nonsense
     */
    List<Resource> fetch(FhirAccess access, String relativeUrl);
}

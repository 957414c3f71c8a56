package health.flipside.fhir;

import java.util.List;

/**
 * Required data was neither prefetched nor reachable: the CDS Hooks answer is 412 Precondition Failed.
 *
 * @see <a href="https://cds-hooks.hl7.org/2.0/#prefetch-template">CDS Hooks 2.0, Prefetch Template</a>
 */
public class PrefetchUnavailableException extends RuntimeException {
    private final List<String> keys;

    public PrefetchUnavailableException(List<String> keys) {
        super("Required prefetch " + keys + " was not provided and no fhirServer was given to fetch it");
        this.keys = List.copyOf(keys);
    }

    public List<String> keys() {
        return keys;
    }
}

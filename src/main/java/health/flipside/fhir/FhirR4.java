package health.flipside.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

/** The one FhirContext of the process: HAPI says it is expensive to create and thread-safe to share. */
public final class FhirR4 {
    private static final FhirContext CONTEXT = create();

    private FhirR4() {
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    private static FhirContext create() {
        FhirContext context = FhirContext.forR4();
        context.setRestfulClientFactory(new HapiFhirFetcher.SameOriginRedirects(context));
        // The EHR's server is known to be FHIR R4; skip the /metadata round-trip before every callback.
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // Lenient as before, but silent: HAPI's warnings quote element names from the body, and a name can hold a
        // newline that forges a line in messages.log (issue 10, point 6). What cannot be read is skipped and counted.
        context.setParserErrorHandler(new LenientErrorHandler(false));
        // Load the parser and client classes now, at start-up, not inside the first patient's time budget.
        context.newJsonParser();
        context.newRestfulGenericClient("http://127.0.0.1/fhir");
        return context;
    }
}

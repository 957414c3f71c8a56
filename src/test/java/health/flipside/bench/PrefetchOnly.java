package health.flipside.bench;

import java.time.Duration;

import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;
import health.flipside.services.HookCall;
import health.flipside.services.PatientDataSummary;

/**
 * A hook call's data as the in-process benchmarks resolve it: from the prefetch the payloads carry, as the service
 * does, with no FHIR server to fetch from.
 */
final class PrefetchOnly {
    private final PrefetchResolver resolver = new PrefetchResolver((access, url) -> {
        throw new IllegalStateException("the payloads carry their data as prefetch");
    }, Runnable::run, Duration.ofSeconds(1));

    ResolvedData resolve(HookCall call) {
        return resolver.resolve(PatientDataSummary.descriptor().prefetch(), call.prefetch(), call.streamed(), null,
                call.prefetchTokens(), null);
    }
}

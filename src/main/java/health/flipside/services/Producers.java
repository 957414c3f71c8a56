package health.flipside.services;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import health.flipside.fhir.CallbackListener;
import health.flipside.fhir.FhirR4;
import health.flipside.fhir.HapiFhirFetcher;
import health.flipside.fhir.PrefetchResolver;

/** Wires the plain-Java pieces into CDI, with their limits from configuration (liberty-config/server.xml). */
@ApplicationScoped
public class Producers {
    @Inject
    HelperThreads helpers;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "flipside.fhir.timeout.ms", defaultValue = "1500")
    int fhirTimeoutMillis;

    @Inject
    @ConfigProperty(name = "flipside.fhir.deadline.ms", defaultValue = "1800")
    int fhirDeadlineMillis;

    @Inject
    @ConfigProperty(name = "flipside.fhir.max.resources", defaultValue = "5000")
    int fhirMaxResources;

    /** HAPI's context takes seconds to build: do it while starting, not during the first patient's call. */
    void warmUp(@Observes Startup event) {
        FhirR4.context();
    }

    @Produces
    @Singleton
    PrefetchResolver prefetchResolver() {
        CallbackListener toMetrics = (key, took, outcome) -> {
            metrics.timer("flipside_fhir_callback", new Tag("key", key)).update(took);
            if (outcome != CallbackListener.Outcome.OK) {
                metrics.counter("flipside_fhir_callback_errors_total", new Tag("key", key),
                        new Tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))).inc();
            }
        };
        return new PrefetchResolver(new HapiFhirFetcher(FhirR4.context(), fhirTimeoutMillis, fhirMaxResources,
                Duration.ofMillis(fhirDeadlineMillis)),
                helpers.executor(), Duration.ofMillis(fhirDeadlineMillis), toMetrics);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

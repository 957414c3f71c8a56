package health.flipside.services;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import health.flipside.fhir.FhirR4;
import health.flipside.fhir.HapiFhirFetcher;
import health.flipside.fhir.PrefetchResolver;

/** Wires the plain-Java pieces into CDI, with their limits from configuration (liberty-config/server.xml). */
@ApplicationScoped
public class Producers {
    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "flipside.fhir.timeout.ms", defaultValue = "1500")
    int fhirTimeoutMillis;

    @Inject
    @ConfigProperty(name = "flipside.fhir.deadline.ms", defaultValue = "1800")
    int fhirDeadlineMillis;

    @Inject
    @ConfigProperty(name = "flipside.fhir.max.resources", defaultValue = "5000")
    int fhirMaxResources;

    @Produces
    @Singleton
    PrefetchResolver prefetchResolver() {
        return new PrefetchResolver(new HapiFhirFetcher(FhirR4.context(), fhirTimeoutMillis, fhirMaxResources),
                executor, Duration.ofMillis(fhirDeadlineMillis));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

package health.flipside.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import health.flipside.cards.Card;
import health.flipside.feedback.IssuedCardLog;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;

/** {@code patient-data-summary}: resolves the patient's data, runs the pipeline, returns the cards. */
@ApplicationScoped
public class PatientDataSummaryService implements CdsService {
    private static final ServiceDescriptor DESCRIPTOR = PatientDataSummary.descriptor();

    private ContentHolder content;
    private PrefetchResolver resolver;
    private Clock clock;

    /** Counts out-of-scope calls (children); null outside CDI. Only a reason is recorded, never patient data. */
    @Inject
    MetricRegistry metrics;

    /** The issued-cards log (feedback, analytics); null outside CDI, e.g. when a test builds the service itself. */
    @Inject
    IssuedCardLog issuedCards;

    PatientDataSummaryService() {
        // for CDI proxies
    }

    @Inject
    public PatientDataSummaryService(ContentHolder content, PrefetchResolver resolver, Clock clock) {
        this.content = content;
        this.resolver = resolver;
        this.clock = clock;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Card> handle(HookCall call) {
        Instant now = clock.instant();
        LoadedContent loaded = content.current();
        // Callbacks fetch as far back as the longest look-back any rule needs (office BP: a year).
        Instant since = now.minus(Duration.ofDays(loaded.rules().thresholds().get("bp").getInt("officeLookbackDays")));
        ResolvedData data = resolver.resolve(DESCRIPTOR.prefetch(), call.prefetch(), call.access(), call.prefetchTokens(), since);
        SummaryPipeline.Result result = loaded.pipeline().run(data, now);
        if (result.outOfScope() != null) {
            if (metrics != null) {
                metrics.counter("flipside_out_of_scope_total", new Tag("reason", result.outOfScope())).inc();
            }
            return result.cards();
        }
        if (issuedCards != null) {
            // never throws, bounded wait: the cards go out even when they cannot be recorded
            issuedCards.record(DESCRIPTOR.id(), call.hookInstance(), result.composed(), now);
        }
        return result.cards();
    }
}

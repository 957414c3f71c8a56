package health.flipside.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import health.flipside.cards.Card;
import health.flipside.cards.CardPolicy;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;
import health.flipside.trend.TrendLinks;

/** {@code patient-data-summary}: resolves the patient's data, runs the pipeline, returns the cards. */
@ApplicationScoped
public class PatientDataSummaryService implements CdsService {
    private static final Logger LOG = Logger.getLogger(PatientDataSummaryService.class.getName());
    private static final ServiceDescriptor DESCRIPTOR = PatientDataSummary.descriptor();

    private ContentHolder content;
    private PrefetchResolver resolver;
    private Clock clock;

    /** Counts out-of-scope calls (children); null outside CDI. Only a reason is recorded, never patient data. */
    @Inject
    MetricRegistry metrics;

    /** Heard by the issued-cards log (feedback, analytics); null outside CDI, e.g. when a test builds the service itself. */
    @Inject
    Event<CardsIssued> issued;

    /** Alert hygiene (README); null outside CDI: then nothing is suppressed. */
    @Inject
    PatientHistorySource history;

    /** flipside.public.base.url; null outside CDI (then cards carry no trend link). */
    @Inject
    @ConfigProperty(name = "flipside.public.base.url")
    Optional<String> publicBaseUrl;

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
        CardPolicy policy = loaded.cards().policy();
        // The patient's earlier overrides and feedback are read while the FHIR data is resolved (bounded, degrading).
        PatientHistorySource.Pending pending = history == null ? null
                : history.start(call, now.minus(Duration.ofDays(policy.longestSuppressionDays())), policy.dealtWithReasons());
        // Callbacks fetch as far back as the longest look-back any rule needs (office BP: a year).
        Instant since = now.minus(Duration.ofDays(loaded.rules().thresholds().get("bp").getInt("officeLookbackDays")));
        ResolvedData data = resolver.resolve(DESCRIPTOR.prefetch(), call.prefetch(), call.streamed(), call.access(), call.prefetchTokens(), since);
        SummaryPipeline.Result result = loaded.pipeline().run(data, now, pending == null ? PatientHistory.NONE : pending.await());
        if (result.outOfScope() != null) {
            if (metrics != null) {
                metrics.counter("flipside_out_of_scope_total", new Tag("reason", result.outOfScope())).inc();
            }
            return result.cards();
        }
        if (!result.suppressed().isEmpty()) {
            LOG.info(() -> "alert hygiene service=" + DESCRIPTOR.id() + " hookInstance=" + call.hookInstance() + " suppressed="
                    + result.suppressed().stream().map(s -> s.finding().ruleId()).sorted().toList());
        }
        if (issued != null) {
            // observers never throw and wait a bounded time: the cards go out even when they cannot be recorded
            issued.fire(new CardsIssued(call, result.composed(), measures(result, policy),
                    result.suppressed().stream().map(Suppressions.Suppressed::override).toList(), now));
        }
        return trendBaseUrl().map(base -> TrendLinks.add(result.composed(), result.chartable(), base, policy.layout().trendLink()))
                .orElse(result.cards());
    }

    /** Where the trend view's SMART link points: Flipside's first public URL; no link when none is configured. */
    private Optional<String> trendBaseUrl() {
        return publicBaseUrl == null ? Optional.empty()
                : publicBaseUrl.map(urls -> urls.split(",")[0].trim()).filter(url -> !url.isEmpty());
    }

    /** "The data" of each suppressible rule that fired, by rule id: what a later override is compared with. */
    private static Map<String, RuleMeasure> measures(SummaryPipeline.Result result, CardPolicy policy) {
        Map<String, RuleMeasure> measures = new HashMap<>();
        Suppressions.measures(result.findings(), policy).forEach((rule, value) ->
                measures.put(rule, new RuleMeasure(policy.suppression().get(rule).measure(), value)));
        return measures;
    }
}

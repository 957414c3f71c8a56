package health.flipside.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.content.PatientInput;
import health.flipside.content.ReportText;
import health.flipside.cards.Card;
import health.flipside.cards.ComposedCard;
import health.flipside.facts.Thresholds;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;
import health.flipside.hooks.HookRequestParser;
import health.flipside.rules.Finding;
import health.flipside.rules.RuleEngine;
import health.flipside.services.ContentHolder;
import health.flipside.services.HookCall;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;
import health.flipside.services.SummaryPipeline;
import health.flipside.content.ContentReloader;

/**
 * {@code POST /admin/preview}: the cards the serving rules give for a hook request (or a FHIR Bundle), with the rules
 * that fired, the facts they fired on, and any template problem — for the preview console. Runs the same pipeline as
 * the hook, but records no issued card: a preview is not a clinical answer.
 */
@Path("admin/preview")
@RequestScoped
public class PreviewResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ContentHolder holder;

    @Inject
    ContentReloader reloader;

    @Inject
    PrefetchResolver resolver;

    @Inject
    Clock clock;

    public record Preview(String at, String loadedAt, List<Card> cards, List<CardOrigin> origins, List<FiredRule> firings,
                          List<Fact> facts, List<Problem> problems) {
    }

    /** Which rules and templates made the card at the same position in {@code cards}. */
    public record CardOrigin(List<String> ruleIds, List<String> templateIds) {
    }

    public record FiredRule(String ruleId, String severity, String templateId, List<Fact> facts) {
    }

    public record Fact(String type, JsonNode value) {
    }

    public record Problem(String file, int line, String message) {
    }

    public record Refusal(String error, String message) {
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response preview(String body, @QueryParam("now") String nowParam) {
        Instant now;
        ResolvedData data;
        try {
            now = nowParam == null || nowParam.isBlank() ? clock.instant() : Instant.parse(nowParam);
            data = resolve(body, now);
        } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return AdminJson.status(400, new Refusal("invalid-request", e.getMessage()));
        }
        ContentHolder.Serving serving = holder.serving();
        SummaryPipeline.Explained run = serving.content().pipeline().explain(data, now);
        return AdminJson.ok(preview(run, now, serving));
    }

    /** A hook request is resolved like a real call (its prefetch, else the EHR's FHIR server); a Bundle as it is. */
    private ResolvedData resolve(String body, Instant now) throws IOException {
        JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Paste a CDS Hooks request (JSON object with \"hook\") or a FHIR Bundle");
        }
        if (!root.has("hook")) {
            return PatientInput.parse(body);
        }
        HookCall call = new HookRequestParser(JSON).parse(body, PatientDataSummary.descriptor());
        LoadedContent content = holder.current();
        Instant since = now.minus(Duration.ofDays(content.rules().thresholds().get("bp").getInt("officeLookbackDays")));
        return resolver.resolve(PatientDataSummary.descriptor().prefetch(), call.prefetch(), call.streamed(), call.access(),
                call.prefetchTokens(), since);
    }

    private Preview preview(SummaryPipeline.Explained run, Instant now, ContentHolder.Serving serving) {
        ReportText paths = new ReportText(reloader.rulesDir().toAbsolutePath().normalize().getParent());
        List<ComposedCard> composed = run.result().composed();
        List<FiredRule> firings = run.firings().stream().map(f -> fired(f, run.result().findings())).toList();
        return new Preview(now.toString(), serving.loadedAt().toString(), run.result().cards(),
                composed.stream().map(c -> new CardOrigin(c.ruleIds(), c.templateIds())).toList(), firings,
                run.facts().stream().map(PreviewResource::fact).toList(),
                run.problems().stream().map(p -> new Problem(p.file() == null ? null : paths.path(p.file()), p.line(), p.message())).toList());
    }

    private static FiredRule fired(RuleEngine.Firing firing, List<Finding> findings) {
        Finding finding = findings.stream().filter(f -> f.ruleId().equals(firing.ruleId())).findFirst().orElse(null);
        return new FiredRule(firing.ruleId(), finding == null ? null : finding.severity().name(),
                finding == null ? null : finding.templateId(), firing.facts().stream().map(PreviewResource::fact).toList());
    }

    /** Thresholds as name → value: the sources are in thresholds.yaml and would drown the facts. */
    private static Fact fact(Object fact) {
        if (fact instanceof Thresholds t) {
            var values = JSON.createObjectNode().put("topic", t.topic());
            var byName = values.putObject("values");
            new java.util.TreeMap<>(t.values()).forEach((name, threshold) -> byName.put(name, threshold.value()));
            return new Fact("Thresholds", values);
        }
        return new Fact(fact.getClass().getSimpleName(), AdminJson.MAPPER.valueToTree(fact));
    }
}

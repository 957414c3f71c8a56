package health.flipside.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import health.flipside.fhir.FhirAccess;
import health.flipside.fhir.FhirR4;
import health.flipside.fhir.HapiFhirFetcher;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;
import health.flipside.services.ContentHolder;
import health.flipside.services.HelperThreads;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;
import health.flipside.support.ErrorBody;
import health.flipside.trend.TrendBuilder;
import health.flipside.trend.TrendView;

/**
 * {@code GET /trend/api/view?iss=…&patient=…} with the SMART access token as bearer: reads the patient's data from
 * {@code iss} (only a server on {@code flipside.trend.fhir.servers}) with that token, with the queries the card
 * service uses, and answers the {@link TrendView}. Its own deadline ({@code flipside.trend.deadline.ms}, 15 s): a
 * person waits for a chart longer than an EHR waits for cards, but not for ever.
 */
@Path("trend/api")
@ApplicationScoped
public class TrendResource {
    private static final Logger LOG = Logger.getLogger(TrendResource.class.getName());
    /** FHIR's id type: [A-Za-z0-9\-\.]{1,64}. Anything else never reaches a URL. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    @Inject
    ContentHolder content;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "flipside.trend.fhir.servers", defaultValue = " ")
    String servers;

    @Inject
    @ConfigProperty(name = "flipside.trend.deadline.ms", defaultValue = "15000")
    int deadlineMillis;

    @Inject
    @ConfigProperty(name = "flipside.fhir.max.resources", defaultValue = "5000")
    int maxResources;

    @Inject
    HelperThreads helpers;

    @GET
    @Path("view")
    @Produces(MediaType.APPLICATION_JSON)
    public Response view(@QueryParam("iss") String iss, @QueryParam("patient") String patient,
                         @HeaderParam("Authorization") String authorization) {
        try {
            return Response.ok(build(iss, patient, authorization)).build();
        } catch (TrendProblem problem) {
            LOG.info(() -> "trend view refused: " + problem.error());
            return Response.status(problem.status()).type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBody.of(problem.error(), null, problem.getMessage())).build();
        }
    }

    /**
     * Whether the view may read from this FHIR server: the page asks before its SMART launch fetches anything from
     * an {@code iss} it was handed, and says so in words when not.
     */
    @GET
    @Path("servers")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> servers(@QueryParam("iss") String iss) {
        return Map.of("allowed", new TrendServers(servers).allowed(iss).isPresent());
    }

    private TrendView build(String iss, String patient, String authorization) {
        TrendServers allowed = new TrendServers(servers);
        if (iss == null || iss.isBlank()) {
            throw new TrendProblem(400, "missing-iss", "The launch did not say which FHIR server to read (iss is missing).");
        }
        String base = allowed.allowed(iss).orElseThrow(() -> new TrendProblem(400, "iss-not-allowed",
                "This FHIR server is not one Flipside is configured to read from (flipside.trend.fhir.servers)."));
        if (patient == null || !FHIR_ID.matcher(patient).matches()) {
            throw new TrendProblem(400, "bad-patient", "The launch gave no valid patient id.");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new TrendProblem(401, "missing-token", "No access token: open the view from the patient's chart.");
        }
        String token = authorization.substring(7).trim();
        Duration deadline = Duration.ofMillis(deadlineMillis);
        PatientProbe.check(base, patient, token, deadline);

        LoadedContent loaded = content.current();
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(loaded.rules().thresholds().get("bp").getInt("officeLookbackDays")));
        PrefetchResolver resolver = new PrefetchResolver(new HapiFhirFetcher(FhirR4.context(),
                (int) Math.min(deadlineMillis, 10_000), maxResources, deadline), helpers.executor(), deadline);
        ResolvedData data = resolver.resolve(PatientDataSummary.descriptor().prefetch(), Map.of(),
                new FhirAccess(base, token), Map.of("context.patientId", patient), since);
        return new TrendBuilder(loaded.rules().thresholds(), loaded.cards()).build(loaded.pipeline().patient(data), now);
    }
}

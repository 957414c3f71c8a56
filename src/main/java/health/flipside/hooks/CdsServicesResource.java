package health.flipside.hooks;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import health.flipside.cards.Card;
import health.flipside.services.CdsService;
import health.flipside.services.HookCall;
import health.flipside.services.ServiceRegistry;
import health.flipside.support.BodyReader;
import health.flipside.support.NotHostedException;
import health.flipside.support.RequestLimits;

/** The CDS Hooks edge: discovery and service calls. Thin: parse, delegate, answer. */
@Path("cds-services")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CdsServicesResource {
    private static final Logger LOG = Logger.getLogger(CdsServicesResource.class.getName());

    @Inject
    ServiceRegistry registry;

    @Inject
    MetricRegistry metrics;

    @Inject
    RequestLimits limits;

    @Inject
    LimitedHookParser parser;

    @GET
    public DiscoveryResponse discovery() {
        return DiscoveryResponse.of(registry.all().stream().map(CdsService::descriptor).toList());
    }

    /**
     * The body is read by {@link BodyReader}, within the request limits, so a malformed, oversized or undecodable one
     * gets a 400 or 413 that names the problem, not a provider error.
     */
    @POST
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public CardsResponse call(@PathParam("id") String id, @Context HttpHeaders headers, InputStream body) {
        CdsService service = registry.byId(id).orElseThrow(() -> new NotHostedException(id));
        long started = System.nanoTime();
        HookCall call = parser.get().parse(BodyReader.read(body, headers, limits.values()), service.descriptor());
        List<Card> cards = service.handle(call);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.timer("flipside_hook", new Tag("service", id)).update(took);
        cards.forEach(card -> metrics.counter("flipside_cards_total", new Tag("service", id), new Tag("indicator", card.indicator())).inc());
        // Log ids and counts only: never the body, the token or anything that identifies the patient.
        LOG.info(() -> "hook=" + call.hook() + " service=" + id + " hookInstance=" + call.hookInstance()
                + " cards=" + cards.size() + " indicators=" + cards.stream().map(Card::indicator).collect(Collectors.joining(","))
                + " durationMs=" + took.toMillis());
        return new CardsResponse(cards);
    }

}

package health.flipside.hooks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import health.flipside.cards.Card;
import health.flipside.services.CdsService;
import health.flipside.services.HookCall;
import health.flipside.services.ServiceRegistry;

/** The CDS Hooks edge: discovery and service calls. Thin: parse, delegate, answer. */
@Path("cds-services")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CdsServicesResource {
    private static final Logger LOG = Logger.getLogger(CdsServicesResource.class.getName());
    private static final HookRequestParser PARSER = new HookRequestParser(JsonMapper.MAPPER);

    @Inject
    ServiceRegistry registry;

    @Inject
    MetricRegistry metrics;

    @GET
    public DiscoveryResponse discovery() {
        return DiscoveryResponse.of(registry.all().stream().map(CdsService::descriptor).toList());
    }

    /** The body is read as text so a malformed one gets a 400 that names the problem, not a provider error. */
    @POST
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public CardsResponse call(@PathParam("id") String id, String body) {
        CdsService service = registry.byId(id)
                .orElseThrow(() -> new NotFoundException("No CDS service '" + safe(id) + "' is hosted here"));
        long started = System.nanoTime();
        HookCall call = PARSER.parse(body, service.descriptor());
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

    /** Echoing a path segment into a message: keep it short and printable. */
    static String safe(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64).toLowerCase(Locale.ROOT) + "…" : cleaned;
    }
}

package health.flipside.feedback;

import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import health.flipside.support.BodyReader;
import health.flipside.support.NotHostedException;
import health.flipside.support.RequestLimits;
import health.flipside.services.ServiceRegistry;

/**
 * {@code POST /cds-services/{id}/feedback} (CDS Hooks 2.0 "Feedback"). The body is validated whole, checked against
 * the issued-cards log and committed in one transaction before the 200; a bad item refuses the batch with a 400
 * naming the field and nothing is stored. The same item sent again is acknowledged and not stored twice.
 *
 * <p>The answer body (not defined by CDS Hooks, which only asks for 200) says what happened:
 * {@code {"received": 3, "stored": 2, "duplicates": 1}}.
 *
 * <p>Logs the service, counts and outcomes only: a user comment may contain patient information.
 */
@Path("cds-services/{id}/feedback")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private static final Logger LOG = Logger.getLogger(FeedbackResource.class.getName());
    private static final FeedbackParser PARSER = new FeedbackParser();

    @Inject
    ServiceRegistry registry;

    @Inject
    FeedbackDatabase database;

    @Inject
    Clock clock;

    @Inject
    RequestLimits limits;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public FeedbackStore.SubmitResult submit(@PathParam("id") String id, @Context HttpHeaders headers, InputStream body) {
        if (registry.byId(id).isEmpty()) {
            throw new NotHostedException(id);
        }
        long started = System.nanoTime();
        List<FeedbackItem> items = PARSER.parse(BodyReader.read(body, headers, limits.values()));
        FeedbackStore store = database.store();
        FeedbackStore.SubmitResult result;
        try {
            result = store.submit(id, items, clock.instant());
        } catch (SQLException e) {
            // The SQLState only: the message of a failed insert can quote the user comment.
            LOG.warning(() -> "Feedback not stored: service=" + id + " items=" + items.size()
                    + " SQLException SQLState " + e.getSQLState());
            throw new FeedbackUnavailableException("Feedback storage failed");
        }
        long accepted = items.stream().filter(i -> i.outcome() == Outcome.ACCEPTED).count();
        LOG.info(() -> "feedback service=" + id + " items=" + result.received() + " stored=" + result.stored()
                + " duplicates=" + result.duplicates() + " accepted=" + accepted + " overridden=" + (items.size() - accepted)
                + " durationMs=" + (System.nanoTime() - started) / 1_000_000);
        return result;
    }
}

package health.flipside.feedback;

import java.sql.SQLException;
import java.time.Clock;
import java.util.logging.Logger;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import health.flipside.services.ContentHolder;
import health.flipside.services.LoadedContent;

/**
 * Alert-fatigue analytics for informatics staff, {@code GET /admin/analytics}: the {@link Analytics} figures as JSON
 * ({@link AnalyticsPageResource} serves the same as a page). Behind the admin credential like everything under /admin.
 * Aggregates only: no user comments, no card or patient ids.
 */
@Path("admin/analytics")
@RequestScoped
public class AnalyticsResource {
    private static final Logger LOG = Logger.getLogger(AnalyticsResource.class.getName());

    @Inject
    FeedbackDatabase database;

    @Inject
    Clock clock;

    @Inject
    ContentHolder content;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return Response.ok(load(database, content, clock)).header("Cache-Control", "no-store").build();
    }

    static Analytics load(FeedbackDatabase database, ContentHolder content, Clock clock) {
        Map<String, Integer> days = new HashMap<>();
        LoadedContent serving = content.current();
        if (serving != null) {
            serving.cards().policy().suppression().forEach((rule, s) -> days.put(rule, s.days()));
        }
        try {
            return database.store().analytics(clock.instant(), days);
        } catch (SQLException e) {
            LOG.warning(() -> "Analytics not available: SQLException SQLState " + e.getSQLState());
            throw new FeedbackUnavailableException("Feedback storage failed");
        }
    }
}

package health.flipside.feedback;

import java.time.Clock;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import health.flipside.services.ContentHolder;

/** {@code GET /admin/analytics.html}: the analytics as a self-contained page (inline style, no scripts, no assets). */
@Path("admin/analytics.html")
@RequestScoped
public class AnalyticsPageResource {
    @Inject
    FeedbackDatabase database;

    @Inject
    Clock clock;

    @Inject
    ContentHolder content;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response get() {
        return Response.ok(AnalyticsPage.render(AnalyticsResource.load(database, content, clock)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .build();
    }
}

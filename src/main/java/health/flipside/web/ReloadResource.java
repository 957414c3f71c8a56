package health.flipside.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import health.flipside.content.ContentReloader;

/**
 * {@code POST /admin/reload}: compile rules/ and cds-cards/ as they are now, run every scenario, and swap the new set
 * in only if all is well. 200 with status "swapped", or 422 with status "refused" and the problems (file, line,
 * message) and failing scenarios — the previous set keeps serving.
 */
@Path("admin/reload")
@RequestScoped
public class ReloadResource {
    @Inject
    ContentReloader reloader;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response reload() {
        var report = reloader.reload("admin");
        return AdminJson.status(report.swapped() ? 200 : 422, report);
    }
}

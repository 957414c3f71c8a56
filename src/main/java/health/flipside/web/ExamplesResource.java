package health.flipside.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import health.flipside.authoring.ExampleFiles;

/** {@code GET /admin/examples}: the bundled example patients' hook requests, their dates moved to today. */
@jakarta.ws.rs.Path("admin/examples")
@RequestScoped
public class ExamplesResource {
    @Inject
    @ConfigProperty(name = "flipside.examples.dir", defaultValue = "examples")
    String examplesDir;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() throws IOException {
        return AdminJson.ok(ExampleFiles.list(Path.of(examplesDir), clock.instant()));
    }
}

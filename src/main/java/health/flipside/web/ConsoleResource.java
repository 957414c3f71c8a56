package health.flipside.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/console/}: the card preview console, a page and its script and style from the WAR. No external
 * asset is ever loaded (the CSP says so too): the console works on a hospital network without internet.
 */
@Path("admin/console")
@RequestScoped
public class ConsoleResource {
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=UTF-8",
            "console.js", "text/javascript; charset=UTF-8",
            "console.css", "text/css; charset=UTF-8");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The page, at /admin/console and /admin/console/ alike (its links are absolute, so both work). */
    @GET
    public Response page() throws IOException {
        return file("");
    }

    @GET
    @Path("{file: .*}")
    public Response file(@PathParam("file") String file) throws IOException {
        String name = file.isEmpty() ? "index.html" : file;
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = ConsoleResource.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes()).type(type).header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff").build();
        }
    }
}

package health.flipside.web;

import java.io.IOException;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
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
    private static final PageFiles FILES = new PageFiles(Map.of(
            "index.html", PageFiles.file("/console/index.html", "text/html; charset=UTF-8"),
            "console.js", PageFiles.file("/console/console.js", "text/javascript; charset=UTF-8"),
            "console.css", PageFiles.file("/console/console.css", "text/css; charset=UTF-8")));
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
        return FILES.serve(file, CSP);
    }
}

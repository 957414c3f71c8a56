package health.flipside.web;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /trend/…}: the SMART trend view's page, its scripts and Chart.js, all from the WAR (Chart.js from its
 * WebJar): nothing comes from a CDN, so the view works on a hospital network without internet. The page may talk to
 * Flipside and to the allowed FHIR servers' origins (the SMART configuration and token requests), nothing else.
 */
@Path("trend")
@RequestScoped
public class TrendPageResource {
    /** Chart.js, pinned in pom.xml (org.webjars.npm:chart.js); its UMD bundle includes its one dependency. */
    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final PageFiles FILES = new PageFiles(Map.of(
            "launch.html", PageFiles.file("/trend/launch.html", "text/html; charset=UTF-8"),
            "index.html", PageFiles.file("/trend/index.html", "text/html; charset=UTF-8"),
            "smart.js", PageFiles.file("/trend/smart.js", "text/javascript; charset=UTF-8"),
            "trend.js", PageFiles.file("/trend/trend.js", "text/javascript; charset=UTF-8"),
            "trend.css", PageFiles.file("/trend/trend.css", "text/css; charset=UTF-8"),
            "chart.umd.js", PageFiles.file(CHART_JS, "text/javascript; charset=UTF-8")));

    @Inject
    @ConfigProperty(name = "flipside.trend.fhir.servers", defaultValue = " ")
    String servers;

    @GET
    public Response page() throws IOException {
        return file("");
    }

    @GET
    @Path("{file: .*}")
    public Response file(@PathParam("file") String file) throws IOException {
        return FILES.serve(file, csp());
    }

    /** The SMART client reads the server's configuration and swaps the code for a token at its origin. */
    private String csp() {
        String fhir = new TrendServers(servers).origins().stream().collect(Collectors.joining(" "));
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' " + fhir
                + "; base-uri 'none'; form-action 'none'; frame-ancestors *";
    }
}

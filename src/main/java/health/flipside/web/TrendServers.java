package health.flipside.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The FHIR servers the trend view may read from ({@code flipside.trend.fhir.servers}). A SMART launch names its
 * server in {@code iss}, which anyone can put in a URL: Flipside only ever fetches from a server on this list, so
 * the view cannot be turned into a request to an arbitrary address (server-side request forgery).
 */
public final class TrendServers {
    private final List<String> bases;

    public TrendServers(String configured) {
        this.bases = configured == null ? List.of() : Arrays.stream(configured.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(TrendServers::normalise).toList();
        for (String base : bases) {
            URI uri = URI.create(base);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("flipside.trend.fhir.servers: not an absolute http(s) URL: " + base);
            }
        }
    }

    /** The allowed base this {@code iss} names (compared without a trailing slash), or empty. */
    public Optional<String> allowed(String iss) {
        if (iss == null || iss.isBlank()) {
            return Optional.empty();
        }
        String wanted = normalise(iss.trim());
        return bases.stream().filter(wanted::equals).findFirst();
    }

    /** Origins of the allowed servers, for the page's Content-Security-Policy (its SMART calls go there). */
    public List<String> origins() {
        return bases.stream().map(URI::create)
                .map(u -> u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()))
                .distinct().toList();
    }

    public boolean isEmpty() {
        return bases.isEmpty();
    }

    private static String normalise(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}

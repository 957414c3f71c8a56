package health.flipside.fhir;

import java.net.URI;
import java.util.Locale;

/**
 * A URL's origin (RFC 6454: scheme, host, port). The EHR's access token goes to the fhirServer's origin only: not to
 * a Bundle's next link elsewhere, and not along a redirect elsewhere (issue 10, point 3).
 */
record Origin(String scheme, String host, int port) {

    /** @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL */
    static Origin of(String url) {
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    /** True when {@code url} is an absolute URL of this origin; false for another origin and for anything unparseable. */
    boolean contains(String url) {
        try {
            return url != null && equals(of(url));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

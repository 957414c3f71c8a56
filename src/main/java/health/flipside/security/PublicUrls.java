package health.flipside.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where EHRs call Flipside: the base URLs of {@code flipside.public.base.url}, from which the JWT {@code aud} of each
 * endpoint is built (CDS Hooks: "the exact endpoint URL being called", as the EHR knows it). Never from the request:
 * a Host or X-Forwarded-* header is the caller's to choose, so an audience built from it is one an attacker
 * chooses (issue 10, point 1). Several URLs may be listed when the service is reachable under several names (the
 * development run: http and https on localhost).
 */
public record PublicUrls(List<URI> bases) {
    public static final String VARIABLE = "flipside.public.base.url";

    public PublicUrls {
        bases = List.copyOf(bases);
    }

    /**
     * @param configured the variable's value: one or more absolute http(s) URLs, comma-separated
     * @throws IllegalArgumentException naming the variable when it is empty or a URL is not an absolute http(s) URL
     *                                  without query or fragment
     */
    public static PublicUrls parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException(VARIABLE + " is not set. Set it to the URL EHRs call Flipside at (for example "
                    + "https://cds.hospital.example): the JWT audience is checked against it, never against the request's "
                    + "Host header. `mvn liberty:run` and the tests set it to localhost (pom.xml).");
        }
        List<URI> bases = Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(PublicUrls::base).toList();
        if (bases.isEmpty()) {
            return parse(null);
        }
        return new PublicUrls(bases);
    }

    private static URI base(String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text : text + "/");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null
                    || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new URISyntaxException(text, "not an absolute http(s) URL without query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(VARIABLE + ": '" + text + "' is not an absolute http(s) URL without query or fragment");
        }
    }

    /** The audiences a token for {@code path} (e.g. "cds-services/patient-data-summary") may carry, one per base. */
    public List<String> audiences(String path) {
        String relative = path.replaceFirst("^/+", "");
        return bases.stream().map(base -> base.resolve(relative).toString()).toList();
    }
}

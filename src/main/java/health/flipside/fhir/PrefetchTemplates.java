package health.flipside.fhir;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills CDS Hooks prefetch tokens ({@code {{context.patientId}}}, {@code {{userPractitionerId}}} …) the way a
 * CDS client does ("Prefetch tokens"), so Flipside can run a template itself when a key was not prefetched.
 */
public final class PrefetchTemplates {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private PrefetchTemplates() {
    }

    /** @throws IllegalArgumentException when a token has no value: the query cannot be run as intended */
    public static String render(String template, Map<String, String> tokens) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = tokens.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Prefetch token {{" + matcher.group(1) + "}} has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Ids are [A-Za-z0-9\-.]{1,64} in FHIR; anything else is percent-encoded rather than trusted into a URL. */
    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}

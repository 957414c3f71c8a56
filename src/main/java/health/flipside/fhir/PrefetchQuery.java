package health.flipside.fhir;

/**
 * One prefetch key of a service: its template (advertised in discovery) and how Flipside runs it itself when the
 * EHR did not satisfy it.
 *
 * @param description what the data is, in words a clinician reads when it is unavailable
 * @param required    without it the service cannot answer at all (412 when it can be had neither way)
 * @param dateParam   search parameter Flipside bounds by date on its own callbacks (prefetch tokens cannot
 *                    express "today minus N days" in CDS Hooks 2.0), or null
 */
public record PrefetchQuery(String key, String template, String description, boolean required, String dateParam) {
}

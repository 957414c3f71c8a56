package health.flipside.fhir;

/**
 * One prefetch key of a service: its template (advertised in discovery) and how Flipside runs it itself when the
 * EHR did not satisfy it. What the data is, in words a clinician reads when it is unavailable, is in
 * cds-cards/partials/unavailable-data.mustache, by key.
 *
 * @param required    without it the service cannot answer at all (412 when it can be had neither way)
 * @param dateParam   search parameter Flipside bounds by date on its own callbacks (prefetch tokens cannot
 *                    express "today minus N days" in CDS Hooks 2.0), or null
 * @param relevantCodes Observation codes ("system|code") Flipside reads from this key; other Observations in a
 *                    prefetched Bundle are dropped before FHIR parsing (the EHR may send months of heart rate and
 *                    weight with the vital signs). Empty: keep everything.
 */
public record PrefetchQuery(String key, String template, boolean required, String dateParam,
                            java.util.Set<String> relevantCodes) {
    public PrefetchQuery {
        relevantCodes = relevantCodes == null ? java.util.Set.of() : java.util.Set.copyOf(relevantCodes);
    }

    public PrefetchQuery(String key, String template, boolean required, String dateParam) {
        this(key, template, required, dateParam, java.util.Set.of());
    }
}

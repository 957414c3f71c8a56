package health.flipside.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How much of a request Flipside reads (issue 10, point 5): the body as sent, the body after Content-Encoding, JSON
 * nesting and string length, and prefetch Bundle entries. Beyond a limit the request is refused — 413 for size, 400
 * for shape — with the limit and its variable named; nothing is processed.
 */
@ApplicationScoped
public class RequestLimits {
    /** @see #of */
    public record Values(long bodyBytes, long decompressedBytes, int jsonDepth, int jsonStringLength, int entries) {
        public static Values defaults() {
            return new Values(10L << 20, 10L << 20, 100, 1_000_000, 20_000);
        }
    }

    @Inject
    @ConfigProperty(name = "flipside.limits.body.bytes", defaultValue = "10485760")
    long bodyBytes;

    @Inject
    @ConfigProperty(name = "flipside.limits.decompressed.bytes", defaultValue = "10485760")
    long decompressedBytes;

    @Inject
    @ConfigProperty(name = "flipside.limits.json.depth", defaultValue = "100")
    int jsonDepth;

    @Inject
    @ConfigProperty(name = "flipside.limits.json.string.length", defaultValue = "1000000")
    int jsonStringLength;

    @Inject
    @ConfigProperty(name = "flipside.limits.entries", defaultValue = "20000")
    int entries;

    public Values values() {
        return new Values(bodyBytes, decompressedBytes, jsonDepth, jsonStringLength, entries);
    }

    /** A copy of {@code mapper} whose parser stops at the JSON limits (Jackson's StreamReadConstraints). */
    public static ObjectMapper constrained(ObjectMapper mapper, Values limits) {
        ObjectMapper copy = mapper.copy();
        copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.jsonDepth())
                .maxStringLength(limits.jsonStringLength())
                .build());
        return copy;
    }
}

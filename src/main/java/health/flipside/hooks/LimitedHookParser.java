package health.flipside.hooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import health.flipside.support.JsonMapper;
import health.flipside.support.RequestLimits;

/** The hook request parser under the configured {@link RequestLimits}, built once: copying a mapper per request is not free. */
@ApplicationScoped
public class LimitedHookParser {
    @Inject
    RequestLimits limits;

    private volatile HookRequestParser parser;

    HookRequestParser get() {
        HookRequestParser built = parser;
        if (built == null) {
            RequestLimits.Values values = limits.values();
            built = new HookRequestParser(RequestLimits.constrained(JsonMapper.MAPPER, values), values.entries());
            parser = built;
        }
        return built;
    }
}

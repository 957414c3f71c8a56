package health.flipside.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import health.flipside.services.ContentHolder;
import health.flipside.services.LoadedContent;

/** Ready only when a compiled rule set and its card texts are serving ({@code GET /health/ready}). */
@Readiness
@ApplicationScoped
public class RulesLoadedCheck implements HealthCheck {
    @Inject
    ContentHolder content;

    @Override
    public HealthCheckResponse call() {
        LoadedContent loaded = content.current();
        return HealthCheckResponse.named("rules")
                .status(loaded != null)
                .withData("rules", loaded == null ? 0 : loaded.rules().ruleCount())
                .build();
    }
}

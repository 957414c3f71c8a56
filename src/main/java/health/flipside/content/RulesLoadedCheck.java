package health.flipside.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import health.flipside.services.ContentHolder;

/**
 * Ready only when a compiled rule set and its card texts are serving ({@code GET /health/ready}). A refused reload
 * does not make Flipside unready — the previous set still serves — but its first problem is shown, so whoever
 * watches health sees that an edit did not take.
 */
@Readiness
@ApplicationScoped
public class RulesLoadedCheck implements HealthCheck {
    @Inject
    ContentHolder content;

    @Inject
    ContentReloader reloader;

    @Override
    public HealthCheckResponse call() {
        ContentHolder.Serving serving = content.serving();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rules")
                .status(serving != null)
                .withData("rules", serving == null ? 0 : serving.content().rules().ruleCount());
        if (serving != null) {
            response.withData("loadedAt", serving.loadedAt().toString());
        }
        ReloadReport refusal = reloader.lastRefusal();
        if (refusal != null && (serving == null || java.time.Instant.parse(refusal.at()).isAfter(serving.loadedAt()))) {
            response.withData("lastRefusal", refusal.at() + " " + firstLine(refusal));
        }
        return response.build();
    }

    private static String firstLine(ReloadReport refusal) {
        String[] lines = refusal.summary().split("\n");
        return lines.length > 1 ? lines[1].strip() : lines[0];
    }
}

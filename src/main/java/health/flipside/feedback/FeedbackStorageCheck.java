package health.flipside.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the feedback storage in {@code GET /health/ready} without ever making Flipside unready: a database outage
 * must not take the hook service out of a load balancer. {@code "available": false} (with the reason) is the signal
 * to alert on.
 */
@Readiness
@ApplicationScoped
public class FeedbackStorageCheck implements HealthCheck {
    @Inject
    FeedbackDatabase database;

    @Override
    public HealthCheckResponse call() {
        boolean available = database.available();
        var response = HealthCheckResponse.named("feedback-storage").up().withData("available", available);
        if (!available) {
            response.withData("problem", database.problem() == null ? "unknown" : database.problem());
        }
        return response.build();
    }
}

package dev.oauth2jwt.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live whenever the application is deployed and can answer. A database outage is not a reason to
 * restart: readiness reports it, and the pool reconnects by itself.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("oauth2-jwt");
    }
}

package dev.oauth2jwt.operations.boundary;

import dev.oauth2jwt.directory.control.Directory;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.keys.control.KeyManager;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers and a signing key is loaded: a load balancer sends traffic then.
 * The user directory, when there is one, is named with its state but does not make the service
 * unready: local accounts and every token still work while it is down, and every instance shares it.
 * Until the application has started it is "starting" and touches nothing: Payara answers probes
 * during the deployment already, when the application's beans cannot be made yet.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    Database database;

    @Inject
    KeyManager keys;

    @Inject
    Directory directory;

    /** Set after every other start-up observer of the application has run (the highest priority runs last). */
    private volatile boolean started;

    void started(@Observes @Priority(Integer.MAX_VALUE) @Initialized(ApplicationScoped.class) Object event) {
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        if (!started) {
            return HealthCheckResponse.named("oauth2-jwt").down().withData("application", "starting").build();
        }
        boolean databaseUp = database.isReachable();
        boolean keyLoaded = keys.current() != null;
        var response = HealthCheckResponse.named("oauth2-jwt")
                .status(databaseUp && keyLoaded)
                .withData("database", databaseUp ? "UP" : "DOWN")
                .withData("signing-key", keyLoaded ? "UP" : "DOWN");
        if (directory.configured()) {
            response.withData("directory", directory.health().detail());
        }
        return response.build();
    }
}

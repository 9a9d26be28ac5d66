package dev.oauth2jwt.operations.boundary;

import dev.oauth2jwt.directory.control.Directory;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.keys.control.KeyManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers and a signing key is loaded: a load balancer sends traffic then.
 * The user directory, when there is one, is named with its state but does not make the service
 * unready: local accounts and every token still work while it is down, and every instance shares it.
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

    @Override
    public HealthCheckResponse call() {
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

package dev.oauth2jwt.persistence.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A DB_DATASOURCE the server does not have stops the start, as a weak secret does, instead of
 * failing the first request that needs the database. Only the name is checked here: the database
 * itself may still be starting.
 */
@ApplicationScoped
public class DataSourceCheck {

    @Inject
    @ConfigProperty(name = "db.datasource")
    Optional<String> serverDataSource;

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        serverDataSource.ifPresent(Database::lookUp);
    }
}

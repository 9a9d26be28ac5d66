package dev.oauth2jwt.persistence.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the database bean as the application starts, on the server's executor, rather than in the
 * first request or readiness probe that needs it: the bean takes the pool {@link PoolOpeningAtBoot}
 * has been opening since CDI began, or opens the database itself (a server's data source; pool,
 * migrations, persistence unit: one to two seconds here). Where start-up itself needs the database
 * (importing users, loading stored keys), whichever comes first makes the bean and the other waits
 * for it. A database that cannot be opened yet is opened at its first use, as before; readiness says
 * so meanwhile.
 */
@ApplicationScoped
public class DatabaseOpening {

    private static final Logger LOG = Logger.getLogger(DatabaseOpening.class.getName());

    @Inject
    Database database;

    /** The default one of Jakarta Concurrency: its threads carry the application's context (configuration, JNDI). */
    @Resource
    ManagedExecutorService executor;

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (executor != null) {
            executor.execute(this::open);
        }
    }

    void open() {
        try {
            database.isReachable();   // the first call makes the bean, which opens the database
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The database could not be opened at start; the first request that needs it tries again", e);
        }
    }
}

package dev.oauth2jwt.persistence.control;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts opening the application's own pool (connections, Flyway's migrations, the persistence
 * unit: 1.5-2.5 s of a start here) as soon as CDI begins to read the application, on a thread of
 * its own beside the rest of the deployment, which Payara runs on one thread (Weld, Jersey): the
 * start-up work that needs the database (the users import) then no longer waits for all of it after
 * the deployment. {@link Database} takes the result when its bean is made, if it was opened with the
 * settings the bean reads; otherwise, and with a server's data source ({@code DB_DATASOURCE}), the
 * bean opens the database itself.
 *
 * <p>A plain thread: the server's managed executors cannot be had before the beans exist. It only
 * opens the pool; no request and nothing else of the application runs on it.
 */
public class PoolOpeningAtBoot implements Extension {

    private static final Logger LOG = Logger.getLogger(PoolOpeningAtBoot.class.getName());

    private PoolSettings openedWith;
    private CompletableFuture<OpenedPool> opening;

    /** First among the observers of this event: the earlier it starts, the more of it the deployment hides. */
    void startOpening(@Observes @Priority(PLATFORM_BEFORE) BeforeBeanDiscovery discovery) {
        ClassLoader application = PoolOpeningAtBoot.class.getClassLoader();
        PoolSettings settings;
        try {
            Config config = ConfigProvider.getConfig(application);
            if (config.getOptionalValue(Database.SERVER_DATA_SOURCE, String.class).isPresent()) {
                return;   // the server's pool, found by JNDI once the application runs
            }
            settings = PoolSettings.from(config);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "No configuration to open the database with before the beans exist; it opens with them", e);
            return;
        }
        startOpening(settings, application);
    }

    void startOpening(PoolSettings settings, ClassLoader application) {
        CompletableFuture<OpenedPool> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(OpenedPool.open(settings));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, "oauth2-jwt database opening");
        thread.setDaemon(true);
        thread.setContextClassLoader(application);   // JPA and the JDBC drivers look up the WAR's resources through it
        synchronized (this) {
            openedWith = settings;
            opening = result;
        }
        thread.start();
    }

    /**
     * The pool opened at boot, once, if it was opened with these settings (waiting for it if still
     * opening). Otherwise, or if that opening failed, empty: the bean then opens the database
     * itself, with its own attempt's failure if the database cannot be had.
     */
    Optional<OpenedPool> take(PoolSettings wanted) {
        CompletableFuture<OpenedPool> result;
        PoolSettings settings;
        synchronized (this) {
            result = opening;
            settings = openedWith;
            opening = null;
        }
        if (result == null) {
            return Optional.empty();
        }
        if (!settings.equals(wanted)) {
            LOG.warning(() -> "The database opened at boot (" + settings + ") is not the one configured now (" + wanted
                    + "): closed, and the configured one opened");
            result.thenAccept(OpenedPool::close);
            return Optional.empty();
        }
        try {
            return Optional.of(result.join());
        } catch (CompletionException e) {
            Throwable failure = e.getCause();
            LOG.info(() -> "Opening the database at boot failed (" + failure.getClass().getName() + ": " + failure.getMessage()
                    + "); trying again");
            return Optional.empty();
        }
    }

    /** A pool opened but never taken (the application stopped first) is closed with it. */
    void closeUntaken(@Observes BeforeShutdown shutdown) {
        CompletableFuture<OpenedPool> result;
        synchronized (this) {
            result = opening;
            opening = null;
        }
        if (result != null) {
            result.thenAccept(OpenedPool::close);
        }
    }
}

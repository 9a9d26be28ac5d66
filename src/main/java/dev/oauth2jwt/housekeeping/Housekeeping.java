package dev.oauth2jwt.housekeeping;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every feature's {@link Chore} once a minute (deleting expired and old spent refresh tokens, sessions,
 * codes, browser logins and failed-login counters; rotating the stored signing keys that have come
 * of age and reading what other instances rotated), on the server's managed scheduler: off the
 * request path, and stopped with the application. Every instance does it; the work is idempotent.
 * One chore failing (the database is down, say) keeps no other from its round.
 */
@ApplicationScoped
public class Housekeeping {

    static final long EVERY_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource // the default one (Jakarta Concurrency); TomEE binds no java:comp name for it
    ManagedScheduledExecutorService scheduler;

    @Inject
    @Any
    Instance<Chore> chores;

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        schedule = scheduler.scheduleWithFixedDelay(this::round, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    void round() {
        for (Chore chore : chores) {
            try {
                chore.runHousekeeping();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Housekeeping (" + chore.getClass().getSimpleName() + ") failed; retried in a minute", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}

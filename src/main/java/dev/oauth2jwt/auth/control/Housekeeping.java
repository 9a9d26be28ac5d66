package dev.oauth2jwt.auth.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes what has expired (refresh tokens, login sessions, codes, failed-login counters) and rotates the
 * stored signing keys that have come of age (reading what other instances rotated) once a minute,
 * on the server's managed scheduler: off the request path, and stopped with the application.
 * Every instance does it; the deletes are idempotent.
 */
@ApplicationScoped
public class Housekeeping {

    static final long EVERY_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource // the default one (Jakarta Concurrency); TomEE binds no java:comp name for it
    ManagedScheduledExecutorService scheduler;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    SigningKeys keys;

    @Inject
    AuthorizationCodes codes;

    /** Fired at every round, for features above this one with something to clean up (browser logins). */
    @Inject
    Event<Due> due;

    /** A round of housekeeping. */
    public record Due() {
    }

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        schedule = scheduler.scheduleWithFixedDelay(this::cleanUp, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    void cleanUp() {
        try {
            refreshTokens.cleanUp();
            throttle.cleanUp();
            keys.refresh();
            codes.cleanUp();
            due.fire(new Due());
        } catch (RuntimeException e) {   // the database is down, say: next minute, then
            LOG.log(Level.WARNING, "Clean-up of expired tokens and counters failed; retried in a minute", e);
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}

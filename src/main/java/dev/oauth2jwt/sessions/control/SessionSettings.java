package dev.oauth2jwt.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How long login sessions and their refresh tokens last, and how many an account may have, read
 * once and checked at start-up.
 *
 * @param refreshTokenLifetime one refresh token's ({@code JWT_REFRESH_DAYS})
 * @param sessionLifetime a whole login session's, however often it is refreshed ({@code JWT_REFRESH_MAX_DAYS})
 * @param maxSessionsPerUser live sessions per account ({@code LOGIN_MAX_SESSIONS_PER_USER}); the oldest end as a new one starts
 */
public record SessionSettings(Duration refreshTokenLifetime, Duration sessionLifetime, int maxSessionsPerUser) {

    public SessionSettings {
        if (refreshTokenLifetime.toDays() < 1) {
            throw new IllegalStateException("JWT_REFRESH_DAYS is " + refreshTokenLifetime.toDays() + "; it must be at least 1");
        }
        if (sessionLifetime.compareTo(refreshTokenLifetime) < 0) {
            throw new IllegalStateException("JWT_REFRESH_MAX_DAYS (" + sessionLifetime.toDays() + ") is below JWT_REFRESH_DAYS ("
                    + refreshTokenLifetime.toDays() + "): it bounds a whole login session, a single refresh token cannot outlive it");
        }
        if (maxSessionsPerUser < 1) {
            throw new IllegalStateException("LOGIN_MAX_SESSIONS_PER_USER is " + maxSessionsPerUser + "; it must be at least 1");
        }
    }

    /** The defaults of microprofile-config.properties: for unit tests. */
    public static SessionSettings defaults() {
        return new SessionSettings(Duration.ofDays(7), Duration.ofDays(30), 100);
    }

    /** Read from MicroProfile Config, once; the defaults are microprofile-config.properties'. */
    @ApplicationScoped
    public static class Producer {

        @Inject
        Config config;

        @Produces
        @Singleton
        SessionSettings settings() {
            return new SessionSettings(Duration.ofDays(config.getValue("jwt.refresh-days", Integer.class)),
                    Duration.ofDays(config.getValue("jwt.refresh-max-days", Integer.class)),
                    config.getValue("login.max-sessions-per-user", Integer.class));
        }

        void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, SessionSettings settings) {
            // resolving the settings at start-up checks them: a wrong one stops the deployment
        }
    }
}

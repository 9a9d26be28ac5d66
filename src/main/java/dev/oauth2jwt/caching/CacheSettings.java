package dev.oauth2jwt.caching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * How long the token check may rely on what it read from the database ({@code USERS_CACHE_MILLIS}):
 * accounts, clients and login sessions alike, since it bounds one thing, how soon a revocation made
 * on another instance counts here. At most a second; 0 reads every time.
 */
public record CacheSettings(long maxAgeMillis) {

    public static final long LONGEST_MILLIS = 1000;

    public CacheSettings {
        if (maxAgeMillis < 0 || maxAgeMillis > LONGEST_MILLIS) {
            throw new IllegalStateException("USERS_CACHE_MILLIS is " + maxAgeMillis + "; it must be between 0 and "
                    + LONGEST_MILLIS + ", so that a revocation counts everywhere within a second");
        }
    }

    /** Read from MicroProfile Config, once; the default is microprofile-config.properties'. */
    @ApplicationScoped
    public static class Producer {

        @Inject
        Config config;

        @Produces
        @Singleton
        CacheSettings settings() {
            return new CacheSettings(config.getValue("users.cache-millis", Long.class));
        }

        void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, CacheSettings settings) {
            // resolving the settings at start-up checks them: a wrong one stops the deployment
        }
    }
}

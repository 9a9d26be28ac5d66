package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.keys.entity.Algorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The keys' settings, read once and checked at start-up (a wrong one stops the deployment, saying
 * what to fix): the algorithm, HS256's secrets, RS256/ES256's key files or the rotation of the keys
 * the server keeps (and the key they are encrypted with), and how long tokens live, which says how
 * long a retired key must stay published.
 */
public record KeySettings(Algorithm algorithm, Optional<String> secret, List<String> previousSecrets, Optional<String> signingKeyFile,
                          List<String> previousKeyFiles, int rotationDays, Optional<String> encryptionKey,
                          Optional<String> encryptionKeyFile, List<String> previousEncryptionKeys, int maxTokenLifetimeMinutes,
                          int clockSkewSeconds) {

    public KeySettings {
        if (rotationDays < 1) {
            throw new IllegalStateException("JWT_KEY_ROTATION_DAYS is " + rotationDays + "; it must be at least 1");
        }
        if (clockSkewSeconds < 0 || maxTokenLifetimeMinutes < 1) {
            throw new IllegalStateException("JWT_CLOCK_SKEW_SECONDS must be 0 or more and JWT_MAX_LIFETIME_MINUTES "
                    + "at least 1; they are " + clockSkewSeconds + " and " + maxTokenLifetimeMinutes);
        }
        if (encryptionKey.isPresent() && encryptionKeyFile.isPresent()) {
            throw new IllegalStateException("Set JWT_KEY_ENCRYPTION_KEY or JWT_KEY_ENCRYPTION_KEY_FILE, not both");
        }
    }

    /** Whether the server makes and rotates its keys itself (asymmetric, no key file). */
    public boolean storedKeys() {
        return algorithm.asymmetric() && signingKeyFile.isEmpty();
    }

    /**
     * How long a retired key stays published: the longest a token it signed lives, the clock skew,
     * and the minute another instance may go on signing with it before it reads the rotation.
     */
    public long retiredKeysKeptMillis() {
        return Duration.ofMinutes(maxTokenLifetimeMinutes).plusSeconds(clockSkewSeconds).plusMinutes(2).toMillis();
    }

    public long rotationMillis() {
        return Duration.ofDays(rotationDays).toMillis();
    }

    /** Read from MicroProfile Config, once; the defaults are microprofile-config.properties'. */
    @ApplicationScoped
    public static class Producer {

        @Inject
        Config config;

        @Produces
        @Singleton
        KeySettings settings() {
            return new KeySettings(algorithmNamed(config.getValue("jwt.algorithm", String.class)), config.getOptionalValue("jwt.secret", String.class),
                    list(config, "jwt.previous-secrets"), config.getOptionalValue("jwt.signing-key-file", String.class),
                    list(config, "jwt.previous-key-files"), config.getValue("jwt.key-rotation-days", Integer.class),
                    config.getOptionalValue("jwt.key-encryption-key", String.class),
                    config.getOptionalValue("jwt.key-encryption-key-file", String.class), list(config, "jwt.previous-key-encryption-keys"),
                    config.getValue("jwt.max-lifetime-minutes", Integer.class), config.getValue("jwt.clock-skew-seconds", Integer.class));
        }

        void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, KeySettings settings) {
            // resolving the settings at start-up checks them: a wrong one stops the deployment
        }
    }

    /** The algorithm {@code JWT_ALGORITHM} names: HS256, RS256 or ES256, nothing else. */
    static Algorithm algorithmNamed(String name) {
        return Algorithm.of(name).orElseThrow(() -> new IllegalStateException("JWT_ALGORITHM is '" + name
                + "'; it must be HS256, RS256 or ES256"));
    }

    /** A comma-separated setting, blanks dropped: read as one string, since Payara cannot inject {@code Optional<List<String>>}. */
    static List<String> list(Config config, String key) {
        return config.getOptionalValue(key, String.class).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(value -> !value.isEmpty()).toList();
    }
}

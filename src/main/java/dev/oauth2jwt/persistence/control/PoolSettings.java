package dev.oauth2jwt.persistence.control;

import com.zaxxer.hikari.HikariConfig;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The pool the application opens itself on {@code DB_URL} when the server provides none: the same
 * settings whether read by the {@link Database} bean or before the beans exist
 * ({@link PoolOpeningAtBoot}). Its text form never holds the password.
 */
record PoolSettings(String url, Optional<String> user, Optional<String> password, int maxSize, long connectionTimeoutMillis) {

    /** The configuration's names, read here and injected into {@link Database}. */
    static final String URL = "db.url";
    static final String USER = "db.user";
    static final String PASSWORD = "db.password";
    static final String MAX_SIZE = "db.pool.max-size";
    static final String CONNECTION_TIMEOUT_MILLIS = "db.pool.connection-timeout-ms";

    static PoolSettings from(Config config) {
        return new PoolSettings(config.getValue(URL, String.class),
                config.getOptionalValue(USER, String.class),
                config.getOptionalValue(PASSWORD, String.class),
                config.getValue(MAX_SIZE, Integer.class),
                config.getValue(CONNECTION_TIMEOUT_MILLIS, Long.class));
    }

    HikariConfig hikariConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("oauth2-jwt");
        config.setJdbcUrl(url);
        config.setDriverClassName(Database.driverFor(url).getClass().getName());
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(maxSize);
        config.setConnectionTimeout(connectionTimeoutMillis);
        return config;
    }

    @Override
    public String toString() {
        return Database.redacted(url) + user.map(name -> " as " + name).orElse("") + ", " + maxSize + " connections, "
                + connectionTimeoutMillis + " ms timeout";
    }
}

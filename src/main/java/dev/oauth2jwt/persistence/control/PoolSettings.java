package dev.oauth2jwt.persistence.control;

import com.zaxxer.hikari.HikariConfig;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The pool the application opens itself on {@code DB_URL} when the server provides none: the same
 * settings whether read by the {@link Database} bean or before the beans exist
 * ({@link DatabaseOpeningAtBoot}). Its text form never holds the password.
 */
record PoolSettings(String url, Optional<String> user, Optional<String> password, int maxSize, long connectionTimeoutMillis) {

    static PoolSettings from(Config config) {
        return new PoolSettings(config.getValue("db.url", String.class),
                config.getOptionalValue("db.user", String.class),
                config.getOptionalValue("db.password", String.class),
                config.getValue("db.pool.max-size", Integer.class),
                config.getValue("db.pool.connection-timeout-ms", Long.class));
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

package dev.oauth2jwt.persistence.control;

import java.util.Optional;
import java.util.UUID;

/** Starts the real {@link Database} (pool, Flyway, JPA) on a fresh in-memory H2, without a server. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static Database freshH2() {
        Database database = configured(new PoolSettings("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 2, 2000));
        database.start();
        return database;
    }

    /** The bean as CDI would make it with these settings (its own pool, no server data source), not yet started. */
    static Database configured(PoolSettings settings) {
        Database database = new Database();
        database.serverDataSource = Optional.empty();
        database.url = settings.url();
        database.user = settings.user();
        database.password = settings.password();
        database.maxPoolSize = settings.maxSize();
        database.connectionTimeoutMillis = settings.connectionTimeoutMillis();
        return database;
    }

    public static void stop(Database database) {
        database.stop();
    }
}

package dev.oauth2jwt.persistence.control;

import java.util.Optional;
import java.util.UUID;

/** Starts the real {@link Database} (pool, Flyway, JPA) on a fresh in-memory H2, without a server. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static Database freshH2() {
        Database database = new Database();
        database.url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database.serverDataSource = Optional.empty();
        database.user = Optional.empty();
        database.password = Optional.empty();
        database.maxPoolSize = 2;
        database.connectionTimeoutMillis = 2000;
        database.start();
        return database;
    }

    public static void stop(Database database) {
        database.stop();
    }
}

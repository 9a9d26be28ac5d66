package dev.oauth2jwt.persistence.control;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;

/** The application's own pool on {@code DB_URL}, its schema migrated, and the persistence unit on it. */
record OpenedPool(HikariDataSource pool, EntityManagerFactory unit) {

    static OpenedPool open(PoolSettings settings) {
        HikariDataSource pool = new HikariDataSource(settings.hikariConfig());
        EntityManagerFactory unit = null;
        try {
            unit = Database.migratedUnit(pool, Database.redacted(settings.url()));
            unit.createEntityManager().close();   // EclipseLink reads the entities and logs in at the first one: here, not in a request
            return new OpenedPool(pool, unit);
        } catch (RuntimeException | Error e) {
            if (unit != null) {
                unit.close();
            }
            pool.close();
            throw e;
        }
    }

    void close() {
        unit.close();
        pool.close();
    }
}

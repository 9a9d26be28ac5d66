package dev.oauth2jwt.persistence.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every existing account its subject identifier (a random UUID, as new accounts get) and the
 * migration's time as {@code updated_at}, then makes the identifier required and unique. In Java
 * because H2 and PostgreSQL share no SQL function that makes a UUID. Registered with Flyway by
 * {@link Database#flyway}, not found by scanning.
 */
public class V8__Subject_identifiers extends BaseJavaMigration {

    Clock clock = Clock.systemUTC();

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        List<Long> ids = new ArrayList<>();
        try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery("SELECT id FROM users WHERE subject IS NULL")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        long now = clock.instant().getEpochSecond();
        try (PreparedStatement update = db.prepareStatement("UPDATE users SET subject = ?, updated_at = ? WHERE id = ?")) {
            for (Long id : ids) {
                update.setString(1, UUID.randomUUID().toString());
                update.setLong(2, now);
                update.setLong(3, id);
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement ddl = db.createStatement()) {
            ddl.execute("ALTER TABLE users ALTER COLUMN subject SET NOT NULL");
            ddl.execute("ALTER TABLE users ADD CONSTRAINT users_subject_unique UNIQUE (subject)");
        }
    }
}

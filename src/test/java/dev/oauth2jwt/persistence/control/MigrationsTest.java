package dev.oauth2jwt.persistence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Upgrading a database that holds data: each migration keeps what the earlier schema meant. */
class MigrationsTest {

    static Flyway flyway(JdbcDataSource dataSource, String target) {
        return Database.flyway(dataSource).target(target).load();
    }

    @Test
    void refreshTokenFamiliesBecomeLoginSessionsRevokedAsBefore() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        flyway(dataSource, "3").migrate();
        long now = 1_790_000_000_000L;
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO users (id, username, hashed_password, tokens_valid_after) VALUES (1, 'john', 'h', 0)");
            sql.execute("INSERT INTO users (id, username, hashed_password, tokens_valid_after) VALUES (2, 'jane', 'h', "
                    + (now / 1000) + ")");
            // john: one family with a revoked token, one in use; jane: one family from before her log out
            sql.execute("INSERT INTO refresh_tokens VALUES (1, 'a', 'revoked-family', 1, 'me', " + (now - 9000) + ", " + now
                    + ", " + (now - 5000) + ", " + (now - 5000) + ")");
            sql.execute("INSERT INTO refresh_tokens VALUES (2, 'b', 'revoked-family', 1, 'me', " + (now - 5000) + ", " + now
                    + ", NULL, NULL)");
            sql.execute("INSERT INTO refresh_tokens VALUES (3, 'c', 'live-family', 1, 'me', " + (now - 4000) + ", " + now
                    + ", NULL, NULL)");
            sql.execute("INSERT INTO refresh_tokens VALUES (4, 'd', 'logged-out-family', 2, 'me', " + (now - 4000) + ", " + now
                    + ", NULL, NULL)");
        }

        flyway(dataSource, "latest").migrate();

        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            Map<String, Boolean> revoked = new LinkedHashMap<>();
            try (ResultSet sessions = sql.executeQuery("SELECT id, revoked_at, created_at FROM login_sessions ORDER BY id")) {
                while (sessions.next()) {
                    String id = sessions.getString(1);
                    sessions.getLong(2);
                    revoked.put(id, !sessions.wasNull());
                }
            }
            assertEquals(Map.of("live-family", false, "logged-out-family", true, "revoked-family", true), revoked);
            try (ResultSet created = sql.executeQuery("SELECT created_at FROM login_sessions WHERE id = 'revoked-family'")) {
                created.next();
                assertEquals(now - 9000, created.getLong(1), "the family's first login");
            }
            try (ResultSet columns = db.getMetaData().getColumns(null, "PUBLIC", "REFRESH_TOKENS", "REVOKED_AT")) {
                assertFalse(columns.next(), "revocation now lives on the session");
            }
            try (ResultSet names = sql.executeQuery("SELECT COUNT(*) FROM known_usernames")) {
                names.next();
                assertEquals(2, names.getInt(1), "existing accounts' names are known: an import never recreates them");
            }
        }
    }

    @Test
    void existingAccountsGetSubjectIdentifiersOfTheirOwnAndBrowserLoginsKeepTheirCookies() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        flyway(dataSource, "6").migrate();
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO users (id, username, hashed_password) VALUES (1, 'john', 'h')");
            sql.execute("INSERT INTO users (id, username, hashed_password) VALUES (2, 'jane', 'h')");
            sql.execute("INSERT INTO sso_sessions (id, user_id, security_stamp, auth_time, expires_at) VALUES ('sha-of-cookie', 1, "
                    + "'initial', 1, 2)");
        }

        flyway(dataSource, "latest").migrate();

        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            java.util.Set<String> subjects = new java.util.HashSet<>();
            try (ResultSet users = sql.executeQuery("SELECT subject, updated_at, email_verified FROM users")) {
                while (users.next()) {
                    subjects.add(UUID.fromString(users.getString(1)).toString());
                    assertFalse(users.getLong(2) == 0, "updated_at: the migration's time");
                    assertFalse(users.getBoolean(3), "nobody said the address was verified");
                }
            }
            assertEquals(2, subjects.size(), "one identifier each");
            try (ResultSet login = sql.executeQuery("SELECT cookie_hash FROM sso_sessions WHERE id = 'sha-of-cookie'")) {
                login.next();
                assertEquals("sha-of-cookie", login.getString(1), "the browser's cookie still names its login");
            }
            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> sql.execute("INSERT INTO users (id, username, hashed_password) VALUES (3, 'jim', 'h')"),
                    "a subject identifier is required from now on");
        }
    }
}

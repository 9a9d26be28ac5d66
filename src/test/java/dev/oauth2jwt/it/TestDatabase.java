package dev.oauth2jwt.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Direct access to the server's database, for states no API can create (a corrupt hash) and to look behind the API. */
final class TestDatabase {

    private TestDatabase() {
    }

    static void insertUser(String username, String hashedPassword) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Deployments.databaseUrl());
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO users (id, username, hashed_password) VALUES (NEXT VALUE FOR users_id_seq, ?, ?)")) {
            insert.setString(1, username);
            insert.setString(2, hashedPassword);
            insert.executeUpdate();
        }
    }

    static String hashOf(String username) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Deployments.databaseUrl());
             PreparedStatement query = connection.prepareStatement("SELECT hashed_password FROM users WHERE username = ?")) {
            query.setString(1, username);
            try (var result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    static void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Deployments.databaseUrl());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}

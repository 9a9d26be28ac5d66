package dev.oauth2jwt.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Direct access to the server's database, for states no API can create (a corrupt hash) and to look behind the API. */
public final class TestDatabase {

    private static boolean emptied;

    private TestDatabase() {
    }

    /** PostgreSQL outlives the run: the first deployment of a run starts from an empty schema. */
    public static synchronized void emptyOnce() {
        if (emptied || !Deployments.onPostgresql()) {
            return;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database " + Deployments.databaseUrl()
                    + " (its user must own it): " + e.getMessage(), e);
        }
        emptied = true;
    }

    public static Connection connect() throws SQLException {
        Properties login = new Properties();
        Deployments.databaseUser().ifPresent(user -> login.setProperty("user", user));
        Deployments.databasePassword().ifPresent(password -> login.setProperty("password", password));
        return DriverManager.getConnection(Deployments.databaseUrl(), login);
    }

    private static String nextUserId() {
        return Deployments.onPostgresql() ? "nextval('users_id_seq')" : "NEXT VALUE FOR users_id_seq";
    }

    public static void insertUser(String username, String hashedPassword) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO users (id, username, hashed_password, subject) VALUES (" + nextUserId() + ", ?, ?, ?)")) {
            insert.setString(1, username);
            insert.setString(2, hashedPassword);
            insert.setString(3, java.util.UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    public static String hashOf(String username) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT hashed_password FROM users WHERE username = ?")) {
            query.setString(1, username);
            try (var result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    public static long longValue(String query, String... parameters) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    public static String string(String query, String... parameters) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new AssertionError("no row for " + query);
                }
                return result.getString(1);
            }
        }
    }

    public static void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /**
     * The stored key that signs now, for the algorithm: {kid, PKCS#8 base64}, to sign tokens as the
     * server would; decrypted here as docs/operating.md describes the format, with this run's key.
     */
    public static String[] activeSigningKey(String algorithm) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT kid, private_key FROM signing_keys "
                     + "WHERE algorithm = ? AND activated_at IS NOT NULL AND retired_at IS NULL ORDER BY activated_at DESC")) {
            query.setString(1, algorithm);
            try (var result = query.executeQuery()) {
                if (!result.next()) {
                    throw new AssertionError("no active " + algorithm + " key stored");
                }
                return new String[]{result.getString(1), decrypted(result.getString(1), algorithm, result.getString(2))};
            }
        }
    }

    /** {@code enc1:<key id>:base64(nonce || AES-256-GCM(private key))}, the key HMAC-SHA256(secret, label), bound to kid:alg. */
    public static String decrypted(String kid, String algorithm, String stored) {
        if (!stored.startsWith("enc1:")) {
            throw new AssertionError("the stored private key of " + kid + " is not encrypted");
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(Deployments.KEY_ENCRYPTION_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] aes = mac.doFinal("oauth2-jwt stored signing keys, AES-256-GCM".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] sealed = java.util.Base64.getDecoder().decode(stored.substring(stored.indexOf(':', 5) + 1));
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(aes, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD((kid + ":" + algorithm).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getEncoder().encodeToString(cipher.doFinal(sealed, 12, sealed.length - 12));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError("the stored private key of " + kid + " does not decrypt with this run's key", e);
        }
    }
}

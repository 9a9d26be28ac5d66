package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.PayaraMicroOnly;
import dev.oauth2jwt.it.support.PayaraMicroProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration must stop the application at start-up, with a message that says what to fix.
 * Each case starts the built WAR on its own Payara Micro process (Arquillian cannot deploy what is
 * meant to fail) and reads the server's log.
 */
@PayaraMicroOnly
class StartupRefusalIT {

    static final String GOOD_SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";

    PayaraMicroProcess server;

    /** Stops the server whatever the test's outcome: a failed assertion must not leave a process behind. */
    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aSecretUnder32BytesStopsTheApplication() throws Exception {
        server = PayaraMicroProcess.start("short-secret", Map.of("JWT_SECRET", "too-short"));

        assertTrue(server.log().contains("JWT_SECRET is 9 bytes long; HS256 needs at least 32 bytes"), server::log);
        assertTrue(server.log().contains("openssl rand -hex 32"), server::log);
        assertNotServing(server.postLogin());
    }

    @Test
    void aMalformedUsersFileStopsTheApplicationNamingTheEntryAndImportsNothing() throws Exception {
        Path work = PayaraMicroProcess.work("bad-users-file");
        Path users = work.resolve("users.json");
        Files.writeString(users, """
                {
                  "johndoe": {"username": "johndoe", "hashed_password": "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"},
                  "mallory": {"username": "mallory", "hashed_password": "plain-text-password"}
                }
                """);
        server = PayaraMicroProcess.start("bad-users-file", Map.of("JWT_SECRET", GOOD_SECRET, "USERS_IMPORT_FILE", users.toString()));

        assertTrue(server.log().contains("USERS_IMPORT_FILE '" + users + "': entry \"mallory\": \"hashed_password\" is neither a bcrypt hash"),
                server::log);
        assertNotServing(server.postLogin());
        server.stop();   // the database is read once the server has let go of it

        assertEquals(0, userCount(server.databasePath()), "not even the valid entry before the bad one");
    }

    @Test
    void anImportedHashThatWouldPinAHashingSlotStopsTheApplicationNamingTheEntry() throws Exception {
        Path users = PayaraMicroProcess.work("costly-hash").resolve("users.json");
        Files.writeString(users, """
                {"costly": {"username": "costly", "hashed_password": "$2b$20$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"}}
                """);
        server = PayaraMicroProcess.start("costly-hash", Map.of("JWT_SECRET", GOOD_SECRET, "USERS_IMPORT_FILE", users.toString()));

        assertTrue(server.log().contains("entry \"costly\": \"hashed_password\" has bcrypt cost 20, outside the accepted 4 to 14 "
                + "(BCRYPT_COST + 2)"), server::log);
        assertNotServing(server.postLogin());
    }

    @Test
    void anAuthorizationCodeLifetimeBeyondTenMinutesStopsTheApplication() throws Exception {
        server = PayaraMicroProcess.start("long-codes", Map.of("JWT_SECRET", GOOD_SECRET, "AUTHORIZATION_CODE_SECONDS", "3600"));

        assertTrue(server.log().contains("AUTHORIZATION_CODE_SECONDS is 3600; it must be between 1 and 600"), server::log);
        assertNotServing(server.postLogin());
    }

    @Test
    void aWeakSigningKeyStopsTheApplicationSayingHowToMakeAGoodOne() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Path key = PayaraMicroProcess.work("weak-key").resolve("signing-key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        server = PayaraMicroProcess.start("weak-key", Map.of("JWT_ALGORITHM", "RS256", "JWT_SIGNING_KEY_FILE", key.toString(),
                "JWT_ISSUER", "https://login.example.test"));

        assertTrue(server.log().contains("is a 1024-bit RSA key; RS256 needs at least 2048 bits"), server::log);
        assertTrue(server.log().contains("openssl genpkey -algorithm RSA"), server::log);
        assertNotServing(server.postLogin());
    }

    @Test
    void storedSigningKeysThatDoNotDecryptStopTheApplicationSayingWhy() throws Exception {
        Path database = PayaraMicroProcess.work("undecryptable-keys").resolve("db/oauth2-jwt");
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + database);
        dev.oauth2jwt.persistence.control.Database.flyway(h2).load().migrate();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String publicKey = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        try (Connection db = h2.getConnection()) {
            // encrypted, as another installation's JWT_KEY_ENCRYPTION_KEY would: the one configured here cannot open it
            db.createStatement().execute("INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at, activated_at) "
                    + "VALUES ('restored-from-backup', 'RS256', 'enc1:ANOTHERKEYxx:" + Base64.getEncoder().encodeToString(new byte[64])
                    + "', '" + publicKey + "', 1, 1)");
        }
        server = PayaraMicroProcess.start("undecryptable-keys", Map.of("JWT_ALGORITHM", "RS256", "JWT_ISSUER", "https://login.example.test"));

        assertTrue(server.log().contains("Cannot use the signing keys kept in the database: the stored private key of "
                + "restored-from-backup was encrypted under a key that is neither JWT_KEY_ENCRYPTION_KEY nor one of "
                + "JWT_PREVIOUS_KEY_ENCRYPTION_KEYS"), server::log);
        assertNotServing(server.postLogin());
    }

    @Test
    void aDataSourceTheServerDoesNotHaveStopsTheApplicationNamingIt() throws Exception {
        server = PayaraMicroProcess.start("no-datasource", Map.of("JWT_SECRET", GOOD_SECRET, "DB_DATASOURCE", "jdbc/no-such-pool"));

        assertTrue(server.log().contains("DB_DATASOURCE 'jdbc/no-such-pool': the server has no data source under this JNDI name"),
                server::log);
        assertNotServing(server.postLogin());
    }

    /** Users in the database the server used; none when it never got to create the table. */
    static int userCount(Path database) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + database);
             ResultSet tables = db.getMetaData().getTables(null, "PUBLIC", "USERS", null)) {
            if (!tables.next()) {
                return 0;
            }
            try (ResultSet count = db.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    /** Payara answers 404, or an empty 500 where the failed application was meant to be. */
    static void assertNotServing(int status) {
        assertTrue(status == 404 || status == 500, "the application must not be serving, yet it answered " + status);
    }
}

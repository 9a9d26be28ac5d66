package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration must stop the application at start-up, with a message that says what to fix.
 * Each case starts the built WAR on its own Payara Micro process (Arquillian cannot deploy what is
 * meant to fail) and reads the server's log.
 */
class StartupRefusalIT {

    static final String GOOD_SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";

    Server server;

    /** Stops the server whatever the test's outcome: a failed assertion must not leave a process behind. */
    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aSecretUnder32BytesStopsTheApplication() throws Exception {
        server = Server.start("short-secret", Map.of("JWT_SECRET", "too-short"));

        assertTrue(server.log().contains("JWT_SECRET is 9 bytes long; HS256 needs at least 32 bytes"), server::log);
        assertTrue(server.log().contains("openssl rand -hex 32"), server::log);
        assertNotServing(server.postLogin());
    }

    @Test
    void aMalformedUsersFileStopsTheApplicationNamingTheEntryAndImportsNothing() throws Exception {
        Path work = Server.work("bad-users-file");
        Path users = work.resolve("users.json");
        Files.writeString(users, """
                {
                  "johndoe": {"username": "johndoe", "hashed_password": "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"},
                  "mallory": {"username": "mallory", "hashed_password": "plain-text-password"}
                }
                """);
        server = Server.start("bad-users-file", Map.of("JWT_SECRET", GOOD_SECRET, "USERS_IMPORT_FILE", users.toString()));

        assertTrue(server.log().contains("USERS_IMPORT_FILE '" + users + "': entry \"mallory\": \"hashed_password\" is neither a bcrypt hash"),
                server::log);
        assertNotServing(server.postLogin());
        server.stop();   // the database is read once the server has let go of it

        assertEquals(0, userCount(server.databasePath()), "not even the valid entry before the bad one");
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

    /** One Payara Micro process running the built WAR, its output in a file. */
    record Server(Process process, Path logFile, Path databasePath, int port) {

        static Path work(String name) throws IOException {
            return Files.createDirectories(Path.of(System.getProperty("it.work", "target/it-work"))
                    .toAbsolutePath().resolve("startup-refusal").resolve(name));
        }

        static Server start(String name, Map<String, String> environment) throws Exception {
            Path work = work(name);
            Path log = work.resolve("server.log");
            Path database = work.resolve("db/oauth2-jwt");
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                    "--nocluster", "--disablephonehome", "--port", String.valueOf(port),
                    "--deploy", System.getProperty("it.war", "target/oauth2-jwt.war"), "--contextroot", "/"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("DB_URL", "jdbc:h2:file:" + database);
            builder.environment().putAll(environment);
            Server server = new Server(builder.start(), log, database, port);
            server.awaitReady();
            return server;
        }

        void awaitReady() throws Exception {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                if (log().contains("ready in")) {
                    return;
                }
                Thread.sleep(250);
            }
            stop();
            throw new AssertionError("Payara Micro did not come up:\n" + log());
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return e.toString();
            }
        }

        int postLogin() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=johndoe&password=secret"))
                    .build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        void stop() throws InterruptedException {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}

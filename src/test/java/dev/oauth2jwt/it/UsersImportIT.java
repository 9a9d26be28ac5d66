package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.PayaraMicroOnly;
import dev.oauth2jwt.it.support.PayaraMicroProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * USERS_IMPORT_FILE across restarts on the same database: an import never undoes an administrator's
 * work. Payara Micro processes of their own, since Arquillian cannot restart a deployment.
 */
@PayaraMicroOnly
class UsersImportIT {

    static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";
    /** "janes-password" at cost 4. */
    static final String HASH = "$2y$04$wDaeTErc0yvfOyy0c5nMMueiyIIxLk/A1Gii2IkF3oWaLCIBUn5iW";

    PayaraMicroProcess server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    static String entry(String username, String extra) {
        return "\"" + username + "\": {\"username\": \"" + username + "\", \"hashed_password\": \"" + HASH + "\"" + extra + "}";
    }

    @Test
    void aDeletedUserStaysDeletedAcrossRestartsAndNewEntriesAreImported() throws Exception {
        Path users = PayaraMicroProcess.work("users-import").resolve("users.json");
        Files.writeString(users, "{" + entry("importer-admin", ", \"scopes\": [\"me\", \"admin\"]") + ", "
                + entry("leaver", "") + ", " + entry("stayer", "") + "}");
        Map<String, String> environment = Map.of("JWT_SECRET", SECRET, "USERS_IMPORT_FILE", users.toString());
        server = PayaraMicroProcess.start("users-import", environment);
        Api api = Api.at("http://127.0.0.1:" + server.port() + "/");
        String admin = "Bearer " + api.login("importer-admin", "janes-password", "admin").getString("access_token");
        assertEquals(204, api.method("DELETE", "/users/leaver", "Authorization", admin).status());
        assertEquals(200, api.patchJson("/users/stayer", "{\"full_name\":\"Renamed By The Admin\"}", "Authorization", admin).status());
        server.stop();

        Files.writeString(users, "{" + entry("importer-admin", ", \"scopes\": [\"me\", \"admin\"]") + ", "
                + entry("leaver", "") + ", " + entry("stayer", "") + ", " + entry("newcomer", "") + "}");
        server = PayaraMicroProcess.start("users-import", environment);
        api = Api.at("http://127.0.0.1:" + server.port() + "/");

        assertTrue(server.log().contains("1 user(s) created, 3 skipped"), server::log);
        admin = "Bearer " + api.login("importer-admin", "janes-password", "admin").getString("access_token");
        assertEquals(404, api.get("/users/leaver", "Authorization", admin).status(), "the delete stands");
        assertEquals(401, api.postForm("/token", "username=leaver&password=janes-password").status());
        assertTrue(api.get("/users/stayer", "Authorization", admin).body().contains("Renamed By The Admin"), "never overwritten");
        assertEquals(200, api.postForm("/token", "username=newcomer&password=janes-password").status(), "a new name is imported");
    }
}

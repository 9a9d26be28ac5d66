package dev.oauth2jwt.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.NewClient;
import dev.oauth2jwt.clients.entity.RedirectUris;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrowserOriginsTest {

    Database database;
    BrowserOrigins origins;
    ClientAdmin admin;

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        ClientStore store = new ClientStore();
        store.database = database;
        store.cache = new dev.oauth2jwt.caching.CacheSettings(1000);
        store.init();
        origins = new BrowserOrigins();
        origins.clients = store;
        origins.configured = Optional.of("https://reports.example.com, http://localhost:3000");
        origins.init();
        admin = new ClientAdmin();
        admin.store = store;
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    @Test
    void theOriginsOfTheClientsRedirectUrisAndTheConfiguredOnes() {
        assertFalse(origins.allowed("https://dashboard.example.com"));
        admin.create(new NewClient("dashboard", Set.of("me"), Set.of("authorization_code"), Client.PUBLIC,
                List.of("https://dashboard.example.com/callback", "http://127.0.0.1:8081/cb", "com.example.app:/callback"),
                List.of(), true, false));

        assertTrue(origins.allowed("https://dashboard.example.com"), "registered here: counts at once, cache or not");
        assertTrue(origins.allowed("http://127.0.0.1:8081"));
        assertTrue(origins.allowed("https://reports.example.com"));
        assertTrue(origins.allowed("http://localhost:3000"));
        assertFalse(origins.allowed("https://dashboard.example.com:8443"), "another port is another origin");
        assertFalse(origins.allowed("http://dashboard.example.com"), "another scheme is another origin");
        assertFalse(origins.allowed("https://evil.example.com"));
        assertFalse(origins.allowed("null"));
        assertFalse(origins.allowed(null));

        admin.delete("dashboard");
        assertFalse(origins.allowed("https://dashboard.example.com"), "removed here: counts at once");
    }

    @Test
    void anOriginIsSchemeHostAndPortAsABrowserWritesIt() {
        assertEquals(Optional.of("https://app.example.com"), RedirectUris.webOrigin("https://App.Example.com:443/callback?x=1"));
        assertEquals(Optional.of("http://[::1]:8080"), RedirectUris.webOrigin("http://[::1]:8080/cb"));
        assertEquals(Optional.of("http://localhost"), RedirectUris.webOrigin("http://localhost:80/cb"));
        assertEquals(Optional.empty(), RedirectUris.webOrigin("com.example.app:/callback"));
    }

    @Test
    void aConfiguredOriginMustBeExactlyAnOrigin() {
        for (String wrong : List.of("https://app.example.com/", "https://app.example.com/spa", "*", "app.example.com",
                "https://App.example.com", "ftp://app.example.com")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> BrowserOrigins.parse(Optional.of(wrong)), wrong);
            assertTrue(refused.getMessage().startsWith("CORS_ORIGINS: " + wrong + " is not a web origin"), refused.getMessage());
        }
        assertEquals(Set.of(), BrowserOrigins.parse(Optional.empty()));
        assertEquals(Set.of("https://a.example.com", "http://localhost:3000"),
                BrowserOrigins.parse(Optional.of(" https://a.example.com ,http://localhost:3000,")));
    }
}

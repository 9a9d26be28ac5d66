package dev.oauth2jwt.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.caching.CacheSettings;
import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.clients.entity.ClientChanges;
import dev.oauth2jwt.clients.entity.ClientRecord;
import dev.oauth2jwt.clients.entity.NewClient;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.throttling.control.TestThrottles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients on a real H2: secrets made here, shown once, stored only as a hash. */
class ClientAdminTest {

    Database database;
    ClientStore store;
    ClientAdmin admin;
    ClientAuthenticator authenticator;

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        store = new ClientStore();
        store.database = database;
        store.cache = new CacheSettings(1000);
        store.init();
        admin = new ClientAdmin();
        admin.store = store;
        authenticator = new ClientAuthenticator();
        authenticator.store = store;
        authenticator.throttle = TestThrottles.on(database, Instant::now);
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    ClientRecord register(String id) {
        return admin.create(new NewClient(id, Set.of("me"), Set.of("client_credentials"))).orElseThrow();
    }

    Identification basic(String id, String secret) {
        String credentials = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return authenticator.identify("Basic " + credentials, Map.of(), "192.0.2.1");
    }

    @Test
    void aNewClientGetsA256BitSecretThatOnlyItsHashRemembers() {
        ClientRecord created = register("reports");

        assertEquals(43, created.clientSecret().length(), "32 random bytes, base64url");
        String stored = store.find("reports").orElseThrow().secretHash();
        assertEquals(OpaqueTokens.sha256(created.clientSecret()), stored);
        assertFalse(stored.contains(created.clientSecret()));
        assertEquals(null, ClientRecord.of(store.find("reports").orElseThrow()).clientSecret(), "never shown again");
    }

    @Test
    void theSecretAuthenticatesAndNothingElseDoes() {
        String secret = register("reports").clientSecret();

        assertInstanceOf(Identification.Authenticated.class, basic("reports", secret));
        assertInstanceOf(Identification.Refused.class, basic("reports", secret + "x"));
        assertInstanceOf(Identification.Refused.class, basic("nobody", secret));
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAndEndsItsTokens() {
        ClientRecord created = register("reports");
        String stamp = store.find("reports").orElseThrow().tokenStamp();

        String rotated = admin.rotateSecret("reports").orElseThrow().clientSecret();

        assertNotEquals(created.clientSecret(), rotated);
        assertInstanceOf(Identification.Refused.class, basic("reports", created.clientSecret()));
        assertInstanceOf(Identification.Authenticated.class, basic("reports", rotated));
        assertNotEquals(stamp, store.find("reports").orElseThrow().tokenStamp(), "the old secret's tokens name another stamp");
    }

    @Test
    void anIdIsTakenOnceUpdatesChangeOnlyWhatTheyNameAndDeletesAreFinal() {
        register("reports");
        assertEquals(Optional.empty(), admin.create(new NewClient("reports", Set.of(), Set.of("client_credentials"))));

        admin.update("reports", new ClientChanges(Set.of("me", "items"), null));
        assertEquals(Set.of("me", "items"), store.find("reports").orElseThrow().scopes());
        assertEquals(Set.of("client_credentials"), store.find("reports").orElseThrow().grantTypes());

        assertTrue(admin.delete("reports"));
        assertFalse(admin.delete("reports"));
        assertEquals(0, admin.page(0, 10).total());
    }
}

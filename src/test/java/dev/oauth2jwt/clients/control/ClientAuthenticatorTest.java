package dev.oauth2jwt.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.oauth2jwt.caching.CacheSettings;
import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.NewClient;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.throttling.control.TestThrottles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one client authentication of /token, /introspect and /revoke, on a real H2 with the real throttle. */
class ClientAuthenticatorTest {

    static final String ADDRESS = "192.0.2.7";

    Database database;
    ClientAuthenticator authenticator;
    String secret;

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        ClientStore store = new ClientStore();
        store.database = database;
        store.cache = new CacheSettings(0);
        store.init();
        ClientAdmin admin = new ClientAdmin();
        admin.store = store;
        secret = admin.create(new NewClient("reports", Set.of("me"), Set.of("client_credentials"))).orElseThrow().clientSecret();
        admin.create(new NewClient("spa", Set.of("me"), Set.of("authorization_code"), Client.PUBLIC,
                List.of("https://app.example.test/callback"), List.of(), true, false));
        authenticator = new ClientAuthenticator();
        authenticator.store = store;
        authenticator.throttle = TestThrottles.on(database, Instant::now);
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, List<String>> form(String... namesAndValues) {
        Map<String, List<String>> form = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.computeIfAbsent(namesAndValues[i], name -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return form;
    }

    @Test
    void basicAndPostBothAuthenticateAConfidentialClient() {
        Identification basic = authenticator.identify(basic("reports", secret), Map.of(), ADDRESS);
        Identification post = authenticator.identify(null, form("client_id", "reports", "client_secret", secret), ADDRESS);

        assertEquals("reports", assertInstanceOf(Identification.Authenticated.class, basic).client().clientId());
        assertEquals("reports", assertInstanceOf(Identification.Authenticated.class, post).client().clientId());
    }

    @Test
    void basicIdAndSecretAreFormEncodedAsRfc6749Says() {
        ClientAdmin admin = new ClientAdmin();
        admin.store = authenticator.store;
        String odd = admin.create(new NewClient("odd.client-1", Set.of(), Set.of("client_credentials"))).orElseThrow().clientSecret();

        String encoded = "Basic " + Base64.getEncoder().encodeToString(("odd.client%2D1:" + odd)
                .getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(Identification.Authenticated.class, authenticator.identify(encoded, Map.of(), ADDRESS));
    }

    @Test
    void aWrongSecretAnUnknownClientOrABrokenHeaderIsRefused() {
        assertInstanceOf(Identification.Refused.class, authenticator.identify(basic("reports", secret + "x"), Map.of(), ADDRESS));
        assertInstanceOf(Identification.Refused.class, authenticator.identify(basic("nobody", secret), Map.of(), ADDRESS));
        assertInstanceOf(Identification.Refused.class, authenticator.identify("Basic not-base64!", Map.of(), ADDRESS));
        assertInstanceOf(Identification.Refused.class, authenticator.identify(basic("", secret), Map.of(), ADDRESS));
        assertInstanceOf(Identification.Refused.class,
                authenticator.identify(null, form("client_id", "spa", "client_secret", "a public client has none"), ADDRESS));
    }

    @Test
    void bothWaysAtOnceOrANulCharacterIsMalformed() {
        assertInstanceOf(Identification.Malformed.class,
                authenticator.identify(basic("reports", secret), form("client_id", "reports"), ADDRESS));
        assertInstanceOf(Identification.Malformed.class, authenticator.identify(basic("reports\0", secret), Map.of(), ADDRESS));
    }

    @Test
    void aPublicClientNamesItselfAndAConfidentialOneCannot() {
        assertEquals("spa", assertInstanceOf(Identification.Public.class,
                authenticator.identify(null, form("client_id", "spa"), ADDRESS)).client().clientId());
        assertInstanceOf(Identification.Public.class, authenticator.identify(null, form("client_id", "spa", "client_secret", ""), ADDRESS),
                "an empty secret is none");
        assertInstanceOf(Identification.Anonymous.class, authenticator.identify(null, form("client_id", "reports"), ADDRESS),
                "a confidential client must prove its secret");
        assertInstanceOf(Identification.Anonymous.class, authenticator.identify(null, Map.of(), ADDRESS));
        assertInstanceOf(Identification.Anonymous.class, authenticator.identify(null, form("client_id", "spa", "client_id", "spa"), ADDRESS),
                "a repeated field names no one");
    }

    @Test
    void guessingASecretIsThrottledForThatClientFromThatAddressOnly() {
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(Identification.Refused.class, authenticator.identify(basic("reports", "guess-" + i), Map.of(), ADDRESS));
        }

        Identification throttled = authenticator.identify(basic("reports", secret), Map.of(), ADDRESS);
        assertEquals(1, assertInstanceOf(Identification.Throttled.class, throttled).retryAfterSeconds(), "even with the right secret");
        assertInstanceOf(Identification.Authenticated.class, authenticator.identify(basic("reports", secret), Map.of(), "198.51.100.1"),
                "the real client, elsewhere, is never locked out");
    }
}

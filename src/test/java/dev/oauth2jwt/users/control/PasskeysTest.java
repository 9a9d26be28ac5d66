package dev.oauth2jwt.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.testing.SoftAuthenticator;
import dev.oauth2jwt.users.entity.User;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passkeys on a real H2, checked by webauthn4j, from a software authenticator: what is accepted,
 * and each rule that refuses (a spent or foreign challenge, another origin or relying party, another
 * account, no user verification where a passkey alone logs in, a counter that went back).
 */
class PasskeysTest {

    static final String ORIGIN = "https://login.example.com";
    static final Passkeys.RelyingParty RP = new Passkeys.RelyingParty("login.example.com", "login.example.com", Set.of(ORIGIN));

    Database database;
    Passkeys passkeys;
    SecondFactors factors;
    User johndoe;
    User alice;
    SoftAuthenticator authenticator = new SoftAuthenticator();

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        UserStore store = TestUserStores.on(database);
        store.importUsers(List.of(UserStoreTest.user("johndoe", "John Doe"), UserStoreTest.user("alice", "Alice")));
        johndoe = store.findByUsername("johndoe").orElseThrow();
        alice = store.findByUsername("alice").orElseThrow();
        passkeys = new Passkeys();
        passkeys.database = database;
        factors = new SecondFactors();
        factors.database = database;
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    String registered(User user) {
        JsonObject options = passkeys.creationOptions(user, RP);
        assertEquals("required", options.getJsonObject("authenticatorSelection").getString("residentKey"), "discoverable");
        assertEquals("login.example.com", options.getJsonObject("rp").getString("id"));
        return passkeys.register(user, "laptop", authenticator.registration(options.getString("challenge"), ORIGIN, RP.id(), true), RP)
                .orElseThrow();
    }

    byte[] handle(User user) {
        return user.subject().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aRegisteredPasskeyIsAFactorAndLogsInAloneWhenItVerifiedThePerson() {
        String id = registered(johndoe);
        assertTrue(factors.enrolled(johndoe));
        assertEquals(Set.of("passkey"), factors.kinds(johndoe.id()));
        assertEquals("laptop", factors.list(johndoe.id()).get(0).name());

        String challenge = passkeys.requestOptions(null, RP).getString("challenge");
        Optional<Passkeys.Assertion> asserted = passkeys.authenticate(
                authenticator.assertion(challenge, ORIGIN, RP.id(), handle(johndoe), true), null, RP);
        assertEquals(Optional.of(new Passkeys.Assertion(johndoe.id(), id, true)), asserted);

        JsonObject secondStep = passkeys.requestOptions(johndoe, RP);
        assertEquals(1, secondStep.getJsonArray("allowCredentials").size(), "the second step names the account's passkeys");
        assertTrue(passkeys.authenticate(authenticator.assertion(secondStep.getString("challenge"), ORIGIN, RP.id(), handle(johndoe),
                false), johndoe.id(), RP).isPresent(), "after a password, presence is enough");
    }

    @Test
    void aChallengeIsSpentOnceAndOnlyForWhatAndWhomItWasMadeFor() {
        registered(johndoe);
        String challenge = passkeys.requestOptions(null, RP).getString("challenge");
        String signed = authenticator.assertion(challenge, ORIGIN, RP.id(), handle(johndoe), true);
        assertTrue(passkeys.authenticate(signed, null, RP).isPresent());
        assertTrue(passkeys.authenticate(signed, null, RP).isEmpty(), "replayed");
        String again = authenticator.assertion(challenge, ORIGIN, RP.id(), handle(johndoe), true);
        assertTrue(passkeys.authenticate(again, null, RP).isEmpty(), "a spent challenge, freshly signed");

        String forAlice = passkeys.requestOptions(alice, RP).getString("challenge");
        assertTrue(passkeys.authenticate(authenticator.assertion(forAlice, ORIGIN, RP.id(), handle(johndoe), true), alice.id(), RP)
                .isEmpty(), "johndoe's passkey at alice's second step");
        String secondStep = passkeys.requestOptions(johndoe, RP).getString("challenge");
        assertTrue(passkeys.authenticate(authenticator.assertion(secondStep, ORIGIN, RP.id(), handle(johndoe), true), null, RP)
                .isEmpty(), "a second step's challenge is no passwordless login's");
        assertTrue(passkeys.authenticate(authenticator.assertion(Passkeys.B64.encodeToString(new byte[32]), ORIGIN, RP.id(),
                handle(johndoe), true), null, RP).isEmpty(), "a challenge never made");
    }

    @Test
    void anotherOriginOrRelyingPartyIsRefused() {
        registered(johndoe);
        String challenge = passkeys.requestOptions(null, RP).getString("challenge");
        assertTrue(passkeys.authenticate(authenticator.assertion(challenge, "https://login.example.com.evil.test", RP.id(),
                handle(johndoe), true), null, RP).isEmpty(), "a phishing site's origin");
        String other = passkeys.requestOptions(null, RP).getString("challenge");
        assertTrue(passkeys.authenticate(authenticator.assertion(other, ORIGIN, "evil.test", handle(johndoe), true), null, RP).isEmpty(),
                "signed for another relying party");

        JsonObject options = passkeys.creationOptions(alice, RP);
        assertTrue(passkeys.register(alice, "x", new SoftAuthenticator().registration(options.getString("challenge"),
                "https://evil.test", RP.id(), true), RP).isEmpty(), "a registration from another origin");
        assertFalse(factors.enrolled(alice));
    }

    @Test
    void aPasskeyAloneMustHaveVerifiedThePersonAndNameItsAccount() {
        registered(johndoe);
        String challenge = passkeys.requestOptions(null, RP).getString("challenge");
        assertTrue(passkeys.authenticate(authenticator.assertion(challenge, ORIGIN, RP.id(), handle(johndoe), false), null, RP)
                .isEmpty(), "presence alone is one factor: no passwordless login");
        String other = passkeys.requestOptions(null, RP).getString("challenge");
        assertTrue(passkeys.authenticate(authenticator.assertion(other, ORIGIN, RP.id(), handle(alice), true), null, RP).isEmpty(),
                "a user handle that is not the passkey's account");
    }

    @Test
    void aCounterThatWentBackIsACloneAndRefused() {
        registered(johndoe);
        assertTrue(passkeys.authenticate(authenticator.assertion(passkeys.requestOptions(null, RP).getString("challenge"), ORIGIN,
                RP.id(), handle(johndoe), true), null, RP).isPresent());
        authenticator.counter -= 1;
        assertTrue(passkeys.authenticate(authenticator.assertion(passkeys.requestOptions(null, RP).getString("challenge"), ORIGIN,
                RP.id(), handle(johndoe), true), null, RP).isEmpty(), "the same counter again");
    }

    @Test
    void aRegistrationChallengeIsTheAccountsOwnAndAPasskeyIsRegisteredOnce() {
        JsonObject options = passkeys.creationOptions(johndoe, RP);
        assertTrue(passkeys.register(alice, "x", authenticator.registration(options.getString("challenge"), ORIGIN, RP.id(), true), RP)
                .isEmpty(), "johndoe's challenge, alice's registration");
        registered(johndoe);
        JsonObject again = passkeys.creationOptions(alice, RP);
        assertEquals(0, again.getJsonArray("excludeCredentials").size());
        assertTrue(passkeys.register(alice, "x", authenticator.registration(again.getString("challenge"), ORIGIN, RP.id(), true), RP)
                .isEmpty(), "the same credential for a second account");
        assertEquals(1, passkeys.creationOptions(johndoe, RP).getJsonArray("excludeCredentials").size(), "not registered twice");
    }

    @Test
    void garbageIsRefusedNotThrown() {
        for (String junk : new String[] {"", "{}", "null", "[1]", "{\"id\":\"AAAA\",\"response\":{\"clientDataJSON\":\"e30\"}}"}) {
            assertTrue(passkeys.authenticate(junk, null, RP).isEmpty(), junk);
            assertTrue(passkeys.register(johndoe, "x", junk, RP).isEmpty(), junk);
        }
    }
}

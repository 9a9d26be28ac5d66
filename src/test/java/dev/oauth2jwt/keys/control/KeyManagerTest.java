package dev.oauth2jwt.keys.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.UnresolvableKeyException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key manager over HS256's secrets; key files are AsymmetricKeysTest's, stored keys StoredKeysTest's. */
class KeyManagerTest {

    static KeyManager load(Optional<String> secret, String... previous) {
        return TestKeys.manager(TestKeys.hs256(secret.orElse(null), previous));
    }

    static final String SECRET = TestKeys.SECRET;
    static final String PREVIOUS = TestKeys.PREVIOUS;

    /** Another instance rotated twice: a token of the key it signs with now names an id unknown here. */
    @Test
    void anUnknownKeyIdIsRefusedAndTheStoredKeysAreReadAgainOffTheRequestThread() throws Exception {
        Database database = TestDatabases.freshH2();
        try {
            KeySettings settings = TestKeys.stored(Algorithm.ES256, "a key encryption key of at least 32 bytes");
            StoredKeys stored = new StoredKeys();
            stored.database = database;
            stored.encryption = TestKeys.encryption(settings);
            KeyManager here = TestKeys.manager(settings, stored);
            List<Runnable> queued = new ArrayList<>();
            here.reloads = queued::add;
            KeyManager elsewhere = TestKeys.manager(settings, stored);
            elsewhere.rotate();
            elsewhere.rotate();
            JsonWebSignature token = new JsonWebSignature();
            token.setAlgorithmHeaderValue("ES256");
            token.setKeyIdHeaderValue(elsewhere.current().id());

            UnresolvableKeyException refused = assertThrows(UnresolvableKeyException.class, () -> here.keyFor(token));
            assertEquals("unknown key id", refused.getMessage());
            assertEquals(1, queued.size(), "read again, on the executor, not on the request's thread");
            assertThrows(UnresolvableKeyException.class, () -> here.keyFor(token));
            assertEquals(1, queued.size(), "at most every few seconds, however many such tokens arrive");

            queued.get(0).run();
            assertEquals(elsewhere.current().verificationKey(), here.keyFor(token), "known once read");
            token.setAlgorithmHeaderValue("HS256");
            assertEquals("algorithm not permitted", assertThrows(UnresolvableKeyException.class, () -> here.keyFor(token)).getMessage(),
                    "a key id pins its algorithm");
        } finally {
            TestDatabases.stop(database);
        }
    }

    @Test
    void anAlgorithmOtherThanHs256Rs256OrEs256StopsStartUp() {
        assertTrue(assertThrows(IllegalStateException.class, () -> KeySettings.algorithmNamed("HS512")).getMessage()
                .contains("HS256, RS256 or ES256"));
        assertTrue(assertThrows(IllegalStateException.class, () -> KeySettings.algorithmNamed("none")).getMessage()
                .contains("HS256, RS256 or ES256"));
    }

    @Test
    void keyIsTheSecretsUtf8Bytes() {
        String secret = "0123456789abcdef0123456789abcdef";

        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), load(Optional.of(secret)).current().key().getEncoded());
    }

    @Test
    void refusesASecretUnder32BytesSayingHowToMakeOne() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> load(Optional.of("0123456789abcdef0123456789abcde")));

        assertTrue(refused.getMessage().contains("31 bytes"), refused.getMessage());
        assertTrue(refused.getMessage().contains("openssl rand -hex 32"), refused.getMessage());
    }

    @Test
    void countsBytesNotCharacters() {
        // 11 three-byte characters: 33 bytes
        String secret = "€".repeat(11);

        assertEquals(33, load(Optional.of(secret)).current().key().getEncoded().length);
        assertThrows(IllegalStateException.class, () -> load(Optional.of("€".repeat(10))));
    }

    @Test
    void refusesTheTutorialsPublishedKey() {
        String tutorialKey = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7";

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> load(Optional.of(tutorialKey)));

        assertTrue(refused.getMessage().contains("openssl rand -hex 32"), refused.getMessage());
    }

    @Test
    void withoutASecretGeneratesARandom256BitOne() {
        byte[] first = load(Optional.empty()).current().key().getEncoded();
        byte[] second = load(Optional.empty()).current().key().getEncoded();

        assertEquals(64, first.length, "64 hex characters: 256 random bits");
        assertNotEquals(new String(first, StandardCharsets.US_ASCII), new String(second, StandardCharsets.US_ASCII));
    }

    @Test
    void previousSecretsStillVerifyAfterTheCurrentOne() {
        KeyManager keys = load(Optional.of(SECRET), PREVIOUS);

        assertEquals(2, keys.all().size());
        assertEquals(keys.current(), keys.all().get(0));
        assertArrayEquals(PREVIOUS.getBytes(StandardCharsets.UTF_8), keys.all().get(1).key().getEncoded());
        assertEquals(keys.all().get(1), keys.byId(keys.all().get(1).id()).orElseThrow());
    }

    @Test
    void previousSecretsFollowTheSameRules() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> load(Optional.of(SECRET), "short"));

        assertTrue(refused.getMessage().startsWith("A secret in JWT_PREVIOUS_SECRETS is 5 bytes long"), refused.getMessage());
    }

    @Test
    void keyIdsAreStableDistinctAndRevealNothingOfTheSecret() {
        String id = load(Optional.of(SECRET)).current().id();

        assertEquals(id, load(Optional.of(SECRET)).current().id());
        assertNotEquals(id, load(Optional.of(PREVIOUS)).current().id());
        assertEquals(16, id.length());
        assertFalse(SECRET.contains(id));
        assertFalse(java.util.HexFormat.of().formatHex(sha256(SECRET)).contains(
                java.util.HexFormat.of().formatHex(java.util.Base64.getUrlDecoder().decode(id))),
                "the id is not a plain hash of the secret");
    }

    static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.oauth2jwt.auth.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    static SigningKeys load(Optional<String> secret, String... previous) {
        SigningKeys keys = new SigningKeys();
        keys.secret = secret;
        keys.previousSecrets = previous.length == 0 ? Optional.empty() : Optional.of(String.join(",", previous));
        keys.load();
        return keys;
    }

    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final String PREVIOUS = "the-previous-secret-0123456789abcdef";

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
        SigningKeys keys = load(Optional.of(SECRET), PREVIOUS);

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
